//! The session key: 32 bytes, base64 in `TENANTRY_SESSION_KEY`; for development, generated
//! once into `<data-dir>/session.key` (mode 0600).

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;
use rand::rngs::OsRng;

use crate::core::SessionKey;

/// The key in `<data-dir>/session.key`, created when missing.
pub fn development_key(data_dir: &Path) -> Result<[u8; 32], String> {
    let path = data_dir.join("session.key");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return SessionKey::decode(&existing).map_err(|e| format!("{}: {e}", path.display()));
    }
    let mut key = [0u8; 32];
    OsRng.fill_bytes(&mut key);
    std::fs::create_dir_all(data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
    write_private(&path, &STANDARD.encode(key)).map_err(|e| format!("{}: {e}", path.display()))?;
    tracing::warn!(
        path = %path.display(),
        "TENANTRY_SESSION_KEY is unset: generated a development session key"
    );
    Ok(key)
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}
