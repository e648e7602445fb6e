//! The Tenantry Management API server: a Logto-compatible HTTP API over a SQLite or
//! PostgreSQL store. `main.rs` only parses the configuration and binds.

pub mod auth;
pub mod bootstrap;
pub mod builtin;
pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
mod http;
pub mod ids;
pub mod mail;
pub mod password;
pub mod password_policy;
pub mod rate_limit;
pub mod secret;
pub mod state;
pub mod store;
pub mod telemetry;
pub use tenantry_transport as transport;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::auth::{LiveClients, SigningKeys, VerifiedTokens};
use crate::config::Config;
use crate::state::{AppState, LockoutPolicy, Settings};

/// How many distinct verified access tokens the server remembers.
const VERIFIED_TOKEN_CAPACITY: usize = 10_000;

/// The whole HTTP application.
pub fn app(state: AppState) -> Router {
    let limiter = state.rate_limiter.clone();
    http::routes(state)
        .layer(axum::middleware::from_fn_with_state(
            limiter,
            rate_limit::limit_requests,
        ))
        .layer(PropagateRequestIdLayer::new(telemetry::REQUEST_ID.clone()))
        .layer(SetResponseHeaderLayer::overriding(
            telemetry::LOGTO_REQUEST_ID.clone(),
            |response: &axum::response::Response| {
                response.headers().get(&telemetry::REQUEST_ID).cloned()
            },
        ))
        .layer(telemetry::trace_layer())
        .layer(SetRequestIdLayer::new(
            telemetry::REQUEST_ID.clone(),
            telemetry::NewRequestId,
        ))
}

/// Serves until `shutdown` completes, then finishes the requests in flight; with the
/// configured read timeouts and connection cap (`transport`).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = state.settings.transport.clone();
    transport::serve(listener, app(state), &limits, shutdown).await
}

/// Opens the store, bootstraps it on the first start and loads the signing keys.
/// Returns the state and, on the first start only, the generated credentials.
pub async fn start(
    config: &Config,
) -> Result<(AppState, Option<bootstrap::Credentials>), Box<dyn std::error::Error>> {
    start_with_clock(config, Arc::new(clock::SystemClock)).await
}

/// As `start`, with the clock the domain reads (tests move it by hand).
pub async fn start_with_clock(
    config: &Config,
    clock: Arc<dyn clock::Clock>,
) -> Result<(AppState, Option<bootstrap::Credentials>), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(&config.data_dir)?;
    password_policy::configure(password_policy::PasswordPolicy {
        min_length: config.password_policy.password_min_length.max(1),
        reject_common: config.password_policy.password_reject_common,
    });
    let store = store::connect(&config.database_url()).await?;
    let credentials = bootstrap::run(store.as_ref(), config, clock.now_ms())
        .await
        .map_err(|e| e.to_string())?;
    if let Some(credentials) = &credentials {
        bootstrap::save(credentials, &config.data_dir)?;
    }
    let keys = SigningKeys::load(&store.signing_keys().await?)?;
    // Listening before loading, so no change made in between is missed.
    let client_changes = store.client_changes().await?;
    let live_clients = Arc::new(LiveClients::load(store.as_ref()).await?);
    let mail_queue = mail::open_queue(&config.database_url()).await?;
    let mailer = mail::Mailer::new(mail_queue, &config.mail, &config.data_dir, clock.clone())?;
    let verified_tokens = Arc::new(VerifiedTokens::new(VERIFIED_TOKEN_CAPACITY));
    let edge_client_id = edge_client_id(config, credentials.as_ref(), store.as_ref()).await?;
    let rate_limiter = rate_limit::RateLimiter::counting_in(
        &config.rate_limit,
        Arc::new(rate_limit::SystemClock),
        store.shared_buckets(),
    )
    .with_trusted_proxy(config.trust_proxy)
    .with_trusted_edge(
        edge_client_id.clone(),
        verified_tokens.clone(),
        clock.clone(),
    );
    let audit = domain::audit_writer::AuditWriter::spawn(store.clone());
    let state = AppState {
        store,
        keys: Arc::new(keys),
        verified_tokens,
        live_clients: live_clients.clone(),
        settings: Arc::new(Settings {
            public_url: config.public_url(),
            api_indicator: config.api_indicator.clone(),
            trust_proxy: config.trust_proxy,
            lockout: LockoutPolicy {
                max_failures: config.lockout.lockout_attempts.max(1),
                account_max_failures: config.lockout.lockout_account_attempts.max(1),
                window_ms: config.lockout.lockout_window_minutes.max(1) * 60_000,
                lock_ms: config.lockout.lockout_minutes.max(1) * 60_000,
                delay_ms: config.lockout.lockout_delay_seconds.max(1) * 1000,
            },
            portal_url: config
                .mail
                .portal_url
                .clone()
                .unwrap_or_else(|| config.public_url())
                .trim_end_matches('/')
                .to_owned(),
            product_name: config.mail.product_name.clone(),
            edge_client_id: edge_client_id.clone(),
            transport: config.transport.clone(),
        }),
        clock,
        rate_limiter,
        mailer,
        audit,
    };
    if let Some(heard) = client_changes {
        auth::client_changes::follow(
            heard,
            state.store.clone(),
            live_clients,
            state.clock.clone(),
        );
    }
    Ok((state, credentials))
}

/// The edge's application: as configured, as just bootstrapped, or else the first
/// application holding the bootstrapped `edge` role.
async fn edge_client_id(
    config: &Config,
    credentials: Option<&bootstrap::Credentials>,
    store: &dyn store::Store,
) -> Result<Option<String>, Box<dyn std::error::Error>> {
    if let Some(id) = config.edge_client_id.clone() {
        return Ok(Some(id));
    }
    if let Some(credentials) = credentials {
        return Ok(Some(credentials.edge_client_id.clone()));
    }
    let Some(role) = store.role_named(builtin::EDGE_ROLE).await? else {
        return Ok(None);
    };
    let holders = store.role_holders(std::slice::from_ref(&role.id)).await?;
    Ok(holders
        .first()
        .and_then(|h| h.featured_applications.first())
        .map(|(id, _, _)| id.clone()))
}
