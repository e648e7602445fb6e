//! The edge's integration tests: one binary, one module per area, the shared
//! harness in `common` (a real server and a real edge on `127.0.0.1:0`).

mod common;
mod matrix;

mod allowlist_on_server;
mod caller_identity;
mod client_address;
mod email_change;
mod embed_tokens;
mod forwarding;
mod hardening;
mod no_secrets;
mod org_scope;
mod policy_matrix;
mod self_guards;
mod session_revocation;
mod sign_in;
mod slow_clients;
mod static_files;
mod static_headers;
mod token_exchange;
