//! What the core needs from its runtime: the time, randomness and one outbound HTTP
//! call. Each adapter (native, Cloudflare Worker) implements these.

pub use async_lock::{Mutex, MutexGuard};

/// Time and randomness.
pub trait Env {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
    /// Fills `buf` from a cryptographically secure source.
    fn fill_random(&self, buf: &mut [u8]);
}

/// A request to the server.
#[derive(Clone, Debug)]
pub struct OutboundRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

/// The server's answer; header names in lower case.
#[derive(Clone, Debug)]
pub struct OutboundResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl OutboundResponse {
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The server could not be reached. The message must never hold a secret or token.
#[derive(Clone, Debug)]
pub struct OutboundError(pub String);

/// One HTTP exchange with the server.
// The Worker runtime's futures are not `Send`, so the trait does not demand it; the
// native adapter's concrete futures are `Send` all the same.
#[allow(async_fn_in_trait)]
pub trait Outbound {
    async fn send(&self, request: OutboundRequest) -> Result<OutboundResponse, OutboundError>;

    /// Waits for `lock`, which another request may hold across an exchange with the
    /// server. Runtimes where one request must not wake another (Cloudflare Workers
    /// count such a waiter as hung) poll on their own timer instead.
    async fn acquire<'a, T>(&self, lock: &'a Mutex<T>) -> MutexGuard<'a, T> {
        lock.lock().await
    }
}
