//! The core's tracing events as console lines, which Workers Logs and `wrangler tail`
//! show (and miniflare prints). `RUST_LOG` names the level: error, warn, info (the
//! default), debug or trace.

use std::io::Write;

use tracing::level_filters::LevelFilter;
use worker::Env;

use crate::config::var;

/// Writes each formatted event (one `write` per event) as one console line.
struct Console;

impl Write for Console {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let line = String::from_utf8_lossy(buf);
        worker::console_log!("{}", line.trim_end());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn init(env: &Env) {
    let level = var(env, "RUST_LOG")
        .and_then(|name| name.parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::INFO);
    // No timestamps: the Workers runtime stamps each line (and has no system clock).
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .without_time()
        .with_writer(|| Console)
        .try_init();
}
