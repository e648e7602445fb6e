//! Clippy for the crates that build only for wasm32, shared by `test` (the portal)
//! and `worker` (the edge's Worker adapter).

use crate::Result;
use crate::process::{self, cargo, header};

/// Clippy with warnings as errors for one crate built for wasm32 (the
/// workspace's clippy builds for the host).
pub fn wasm(package: &str) -> Result {
    header(&format!(
        "cargo clippy -p {package} --target wasm32-unknown-unknown"
    ));
    process::run(
        cargo()
            .args([
                "clippy",
                "-p",
                package,
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(["--", "-D", "warnings"]),
    )
}
