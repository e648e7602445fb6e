//! Flags, each with an environment variable of the same name; secrets come from the
//! environment only, so they never show in a process list.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

use super::keys;
use super::telemetry::LogFormat;
use crate::core::{EdgeConfig, Limits, Secret, SessionKey};

#[derive(Debug, Parser)]
#[command(
    name = "tenantry-edge",
    about = "The Tenantry edge (backend-for-frontend)."
)]
pub struct Args {
    /// Address and port to listen on.
    #[arg(long, env = "TENANTRY_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,
    /// The Management API server.
    #[arg(
        long,
        env = "TENANTRY_SERVER_URL",
        default_value = "http://127.0.0.1:3001"
    )]
    pub server_url: String,
    /// The Management API's resource indicator.
    #[arg(
        long,
        env = "TENANTRY_API_INDICATOR",
        default_value = "https://default.logto.app/api"
    )]
    pub api_indicator: String,
    /// The portal's built files (`dist/`), served on the same origin.
    #[arg(long, env = "TENANTRY_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,
    /// An origin that may call the embed routes from a browser (repeat, or comma-separate).
    #[arg(long, env = "TENANTRY_ALLOWED_ORIGIN", value_delimiter = ',')]
    pub allowed_origin: Vec<String>,
    /// The edge's public URL, for rewritten `Link` headers (default: the request's Host).
    #[arg(long, env = "TENANTRY_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// A reverse proxy (nginx) in front appends the client's address to
    /// `X-Forwarded-For`: rate limits use its last entry instead of the socket peer.
    /// Only with a proxy that every request passes through.
    #[arg(long, env = "TENANTRY_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Where a development session key is generated when `TENANTRY_SESSION_KEY` is unset.
    #[arg(long, env = "TENANTRY_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// `text` or `json`.
    #[arg(long, env = "TENANTRY_LOG_FORMAT", default_value = "text")]
    pub log_format: LogFormat,
    /// Sign-in attempts per client IP per minute.
    #[arg(long, env = "TENANTRY_SIGN_IN_PER_IP", default_value_t = Limits::default().sign_in_per_ip)]
    pub sign_in_per_ip: u32,
    /// Sign-in attempts per username per minute.
    #[arg(long, env = "TENANTRY_SIGN_IN_PER_USERNAME", default_value_t = Limits::default().sign_in_per_username)]
    pub sign_in_per_username: u32,
    /// Requests per client IP per minute to the public routes.
    #[arg(long, env = "TENANTRY_PUBLIC_PER_IP", default_value_t = Limits::default().public_per_ip)]
    pub public_per_ip: u32,
    /// `POST /embed/tokens` requests per client IP per minute.
    #[arg(long, env = "TENANTRY_EMBED_MINT_PER_IP", default_value_t = Limits::default().embed_mint_per_ip)]
    pub embed_mint_per_ip: u32,
    /// Calls per embed token (per organization and user when it names one) per minute.
    #[arg(long, env = "TENANTRY_PER_EMBED_TOKEN", default_value_t = Limits::default().per_embed_token)]
    pub per_embed_token: u32,
    /// Calls per signed-in user per minute.
    #[arg(long, env = "TENANTRY_PER_SESSION_USER", default_value_t = Limits::default().per_session_user)]
    pub per_session_user: u32,
    #[command(flatten)]
    pub transport: tenantry_transport::TransportConfig,
}

impl Args {
    /// The core's configuration, with the secrets read from the environment.
    pub fn config(&self) -> Result<EdgeConfig, String> {
        let required = |name: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("set {name} (the edge's machine-to-machine credentials)"))
        };
        let embed_key = EdgeConfig::embed_key_from(std::env::var("TENANTRY_EMBED_KEY").ok())?;
        let session_key = match std::env::var("TENANTRY_SESSION_KEY") {
            Ok(encoded) if !encoded.is_empty() => SessionKey::decode(&encoded)?,
            _ => keys::development_key(&self.data_dir)?,
        };
        Ok(EdgeConfig {
            server_url: self.server_url.clone(),
            api_indicator: self.api_indicator.clone(),
            client_id: required("TENANTRY_EDGE_CLIENT_ID")?,
            client_secret: Secret(required("TENANTRY_EDGE_CLIENT_SECRET")?),
            session_key: SessionKey(session_key),
            embed_key,
            allowed_origins: EdgeConfig::origins_from(
                self.allowed_origin.iter().map(String::as_str),
            ),
            public_url: self.public_url.clone(),
            limits: Limits {
                sign_in_per_ip: self.sign_in_per_ip,
                sign_in_per_username: self.sign_in_per_username,
                public_per_ip: self.public_per_ip,
                embed_mint_per_ip: self.embed_mint_per_ip,
                per_embed_token: self.per_embed_token,
                per_session_user: self.per_session_user,
                ..Limits::default()
            },
        })
    }
}
