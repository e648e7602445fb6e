//! The load: callers in parallel, each sending one request at a time at its share
//! of the rate, to a target picked at random; writes go to its own users, so the
//! state each should end in is known.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::{Client, Method};
use serde_json::{Value, json};
use tokio::time::MissedTickBehavior;

use super::client::{Answer, Target};
use super::ledger::{Held, Ledger, Outcome};
use super::ops::{Op, Rng};
use super::stats::{Ending, Stats};
use super::window::KillWindow;
use crate::Result;

/// What every caller shares.
pub struct Shared {
    pub http: Client,
    pub targets: Vec<Target>,
    /// Relative weights of the targets, in the same order.
    pub weights: Vec<u64>,
    pub role_ids: Vec<String>,
    pub window: Arc<KillWindow>,
    pub deadline: Instant,
    /// Time between two requests of one caller.
    pub period: Duration,
}

/// Roles the users get and lose, created once through `target` before the load.
pub async fn create_roles(http: &Client, target: &Target, count: usize) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for i in 0..count {
        let body = json!({"name": format!("soak_role_{i}"), "description": "soak", "type": "User"});
        let answer = target
            .send(http, Method::POST, "/api/roles", Some(body))
            .await?;
        match answer.body["id"].as_str() {
            Some(id) if answer.ok() => ids.push(id.to_owned()),
            _ => {
                return Err(format!(
                    "POST /api/roles answered {}: {}",
                    answer.status, answer.body
                )
                .into());
            }
        }
    }
    Ok(ids)
}

/// Runs `callers` callers until the deadline (or Ctrl-C) and adds up what they did.
pub async fn run(shared: Arc<Shared>, callers: u32) -> (Ledger, Stats) {
    let tasks: Vec<_> = (0..callers)
        .map(|n| tokio::spawn(Caller::new(n, shared.clone()).run()))
        .collect();
    let (mut ledger, mut stats) = (Ledger::default(), Stats::default());
    for task in tasks {
        match task.await {
            Ok((l, s)) => {
                ledger.merge(l);
                stats.merge(s);
            }
            Err(err) => stats.record(Ending::Error, Duration::ZERO, || format!("caller: {err}")),
        }
    }
    (ledger, stats)
}

struct Caller {
    n: u32,
    seq: u64,
    rng: Rng,
    ledger: Ledger,
    stats: Stats,
    shared: Arc<Shared>,
}

impl Caller {
    fn new(n: u32, shared: Arc<Shared>) -> Caller {
        Caller {
            n,
            seq: 0,
            rng: Rng::new(u64::from(n) + 1),
            ledger: Ledger::default(),
            stats: Stats::default(),
            shared,
        }
    }

    async fn run(mut self) -> (Ledger, Stats) {
        // Callers start spread over one period rather than all at once.
        let offset = self
            .shared
            .period
            .mul_f64(self.rng.below(1000) as f64 / 1000.0);
        tokio::time::sleep(offset).await;
        let mut tick = tokio::time::interval(self.shared.period);
        tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        while Instant::now() < self.shared.deadline && !crate::process::interrupted() {
            tick.tick().await;
            self.step().await;
        }
        (self.ledger, self.stats)
    }

    async fn step(&mut self) {
        let users = self.ledger.users.len();
        let user = if users == 0 {
            0
        } else {
            self.rng.below(users as u64) as usize
        };
        let roles = self.shared.role_ids.len();
        let role = self.rng.below(roles as u64) as usize;
        let op = Op::pick(self.rng.below(100), users);
        let held = |h| users > 0 && self.ledger.users[user].roles[role] == h;
        let op = match op {
            Op::AddRole if !held(Held::No) => Op::GetUser,
            Op::RemoveRole if !held(Held::Yes) => Op::GetUser,
            op => op,
        };
        self.seq += 1;
        let name = format!("n{}_{}", self.n, self.seq);
        let id = self
            .ledger
            .users
            .get(user)
            .map(|u| u.id.clone())
            .unwrap_or_default();
        let role_id = self.shared.role_ids[role].clone();
        match op {
            Op::Create => {
                let username = format!("soak_{}_{}", self.n, self.seq);
                let body = json!({"username": username, "name": name});
                let (outcome, answer) = self
                    .call(Method::POST, "/api/users".into(), Some(body))
                    .await;
                let id = answer.as_ref().and_then(|a| a.body["id"].as_str());
                self.ledger.created(outcome, &username, id, &name, roles);
            }
            Op::Rename => {
                let body = json!({"name": name});
                let (outcome, _) = self
                    .call(Method::PATCH, format!("/api/users/{id}"), Some(body))
                    .await;
                self.ledger.renamed(user, outcome, &name);
            }
            Op::AddRole => {
                let body = json!({"roleIds": [role_id]});
                let path = format!("/api/users/{id}/roles");
                let (outcome, _) = self.call(Method::POST, path, Some(body)).await;
                self.ledger.role_set(user, role, outcome, true);
            }
            Op::RemoveRole => {
                let path = format!("/api/users/{id}/roles/{role_id}");
                let (outcome, _) = self.call(Method::DELETE, path, None).await;
                self.ledger.role_set(user, role, outcome, false);
            }
            Op::GetUser => {
                let (_, answer) = self
                    .call(Method::GET, format!("/api/users/{id}"), None)
                    .await;
                if let Some(answer) = answer.filter(Answer::ok) {
                    let names = &self.ledger.users[user].names;
                    let read = answer.body["name"].as_str();
                    if !names.iter().any(|n| Some(n.as_str()) == read) {
                        self.stats.stale_reads += 1;
                    }
                }
            }
            Op::UserRoles => {
                self.call(Method::GET, format!("/api/users/{id}/roles"), None)
                    .await;
            }
            Op::List => {
                self.call(Method::GET, "/api/users?page=1&page_size=20".into(), None)
                    .await;
            }
            Op::Search => {
                let path = format!(
                    "/api/users?search.username=%25soak_{}_%25&page_size=20",
                    self.n
                );
                self.call(Method::GET, path, None).await;
            }
        }
    }

    /// Sends one request to a random target and counts how it ended. The answer is
    /// returned when it was a 2xx.
    async fn call(
        &mut self,
        method: Method,
        path: String,
        body: Option<Value>,
    ) -> (Outcome, Option<Answer>) {
        let shared = self.shared.clone();
        let target = &shared.targets[self.rng.weighted(&shared.weights)];
        let started = Instant::now();
        let result = target.send(&shared.http, method.clone(), &path, body).await;
        let ended = Instant::now();
        let in_window = target.reaches_b && shared.window.covers(started, ended);
        let (ending, outcome) = match &result {
            Ok(answer) if answer.ok() => (Ending::Ok, Outcome::Acknowledged),
            // A refusal outside the window did nothing; inside it, an edge's 502 may
            // hide a write that was done.
            Ok(answer) if answer.status < 500 && !in_window => (Ending::Error, Outcome::Refused),
            _ if in_window => (Ending::KillWindow, Outcome::Unknown),
            _ => (Ending::Error, Outcome::Unknown),
        };
        self.stats
            .record(ending, ended - started, || match &result {
                Ok(answer) => format!(
                    "{} {method} {path}: {} {}",
                    target.name, answer.status, answer.body
                ),
                Err(err) => format!("{} {method} {path}: {err}", target.name),
            });
        (outcome, result.ok().filter(Answer::ok))
    }
}
