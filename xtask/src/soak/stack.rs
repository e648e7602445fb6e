//! What the soak test runs against: one throwaway PostgreSQL cluster, two server
//! instances on it, and an edge in front of each; stopped on drop, edges first.

use std::time::Duration;

use crate::Result;
use crate::postgres::Cluster;
use crate::service::Service;
use crate::{edge, server};

/// The edges' per-user limit is per process and meant for people: the load signs in
/// once per edge and sends far more.
const EDGE_LIMITS: [(&str, &str); 1] = [("TENANTRY_PER_SESSION_USER", "1000000")];

pub struct Stack {
    /// Fields drop in order: edges, then servers, then the cluster.
    pub edges: [Service; 2],
    pub servers: [Service; 2],
    pub postgres: Cluster,
}

impl Stack {
    /// Starts the cluster, server A (it bootstraps the empty database), then
    /// server B on the same database, then an edge in front of each.
    pub fn start() -> Result<Stack> {
        let postgres = Cluster::start()?;
        let a = server::start_on_postgres(&postgres.url())?;
        let b = server::start_on_postgres(&postgres.url())?;
        let edge_a = edge::start_with(&a, &EDGE_LIMITS)?;
        let edge_b = edge::start_with(&b, &EDGE_LIMITS)?;
        Ok(Stack {
            edges: [edge_a, edge_b],
            servers: [a, b],
            postgres,
        })
    }

    /// `kill -9` of server B, `down` without it, then a restart on the same port
    /// and database; returns once it answers again.
    pub fn crash_server_b(&mut self, down: Duration) -> Result {
        self.servers[1].kill()?;
        std::thread::sleep(down);
        server::restart_on_postgres(&mut self.servers[1], &self.postgres.url())
    }

    pub fn describe(&self) -> String {
        format!(
            "PostgreSQL {}\nserver A {}  server B {}\nedge A {} -> A  edge B {} -> B",
            self.postgres.url(),
            self.servers[0].url(),
            self.servers[1].url(),
            self.edges[0].url(),
            self.edges[1].url(),
        )
    }

    /// The last lines each program logged, for a failed run.
    pub fn log_tails(&self, lines: usize) -> String {
        let mut out = String::new();
        for service in self.servers.iter().chain(&self.edges) {
            let log = service.log_section();
            let all: Vec<&str> = log.lines().collect();
            out.push_str(all[0]);
            out.push('\n');
            for line in &all[all.len().saturating_sub(lines).max(1)..] {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}
