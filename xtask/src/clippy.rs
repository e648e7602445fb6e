//! Clippy for the crates that build only for wasm32: the portal and the edge's Worker
//! adapter, a step of `cargo xtask test`.

use crate::Result;
use crate::process::{self, cargo, header};

/// Clippy with warnings as errors for the crates that build for wasm32 (the
/// workspace's clippy builds for the host), in one run so they share dependencies.
pub fn wasm() -> Result {
    header(
        "cargo clippy -p tenantry-portal -p tenantry-edge-worker --target wasm32-unknown-unknown",
    );
    process::run(
        cargo()
            .args([
                "clippy",
                "-p",
                "tenantry-portal",
                "-p",
                "tenantry-edge-worker",
            ])
            .args(["--target", "wasm32-unknown-unknown", "--", "-D", "warnings"]),
    )
}
