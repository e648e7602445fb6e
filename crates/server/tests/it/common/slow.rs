//! Slow clients (slowloris): raw connections that send part of a request and stall,
//! and a measure of how long the other side keeps them open.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A connection that sent only part of a request's headers.
pub async fn partial_headers(address: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!("GET /api/status HTTP/1.1\r\nHost: {address}\r\nX-Slow: ");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

/// A connection that sent whole headers announcing `length` bytes of body to `path`,
/// then only the first byte of it.
pub async fn partial_body(address: &str, path: &str, length: usize) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nX-Tenantry: 1\r\n\
         Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

/// A keep-alive connection that made one whole request, read its answer, and now idles.
pub async fn idle_keep_alive(address: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let request = format!("GET /api/status HTTP/1.1\r\nHost: {address}\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut buf = [0u8; 4096];
    let n = stream.read(&mut buf).await.unwrap();
    let head = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(head.starts_with("HTTP/1.1 "), "{head}");
    stream
}

/// How long after `since` the peer closed `stream` (reading until end of stream or a
/// reset), and what it sent before; `None` when still open after `patience`.
pub async fn closed_after(
    stream: &mut TcpStream,
    since: Instant,
    patience: Duration,
) -> Option<(Duration, String)> {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = since + patience;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => {
                return Some((since.elapsed(), String::from_utf8_lossy(&seen).into_owned()));
            }
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
        }
    }
}
