//! The edge's integration tests: one binary, one module per area, the shared
//! harness in `common` (a real server and a real edge on `127.0.0.1:0`).

mod common;
mod matrix;

mod client_address;
mod embed_tokens;
mod forwarding;
mod no_secrets;
mod policy_matrix;
mod session_revocation;
mod sign_in;
mod static_files;
mod static_headers;
mod token_exchange;
