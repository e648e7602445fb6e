//! The native adapter: axum serves the edge and the portal's static files; reqwest
//! (rustls) talks to the server.

mod cli;
mod keys;
mod outbound;
mod serve;
mod static_headers;
mod system;
pub mod telemetry;

pub use cli::Args;
pub use outbound::ReqwestOutbound;
pub use serve::{NativeEdge, Site, router, serve};
pub use system::SystemEnv;
pub use tenantry_transport::TransportConfig;

/// The edge over reqwest and the system clock.
pub fn edge(config: crate::EdgeConfig) -> NativeEdge {
    crate::Edge::new(config, ReqwestOutbound::new(), SystemEnv)
}
