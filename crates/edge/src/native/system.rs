use rand::RngCore;
use rand::rngs::OsRng;

use crate::core::Env;

/// The system clock and the operating system's random source.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemEnv;

impl Env for SystemEnv {
    fn now_ms(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    }

    fn fill_random(&self, buf: &mut [u8]) {
        OsRng.fill_bytes(buf);
    }
}
