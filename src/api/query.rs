//! Query strings, built by hand so the same code runs in tests off the browser.

/// `path?k=v&…` with both parts percent-encoded; `path` alone without pairs.
pub fn with_query(path: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect();
    format!("{path}?{}", query.join("&"))
}

/// The path of one entity or what hangs off it: `base/<id>rest`, the ID
/// percent-encoded (`entity_path("/api/roles", id, "/scopes")`).
pub fn entity_path(base: &str, id: &str, rest: &str) -> String {
    format!("{base}/{}{rest}", encode(id))
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A 1-based page number from a URL value; anything else is page 1.
pub fn page_from(value: Option<String>) -> u32 {
    value
        .and_then(|v| v.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// A page size from a URL value when `sizes` offers it, else `default`.
pub fn size_from(value: Option<String>, sizes: &[u32], default: u32) -> u32 {
    value
        .and_then(|v| v.parse().ok())
        .filter(|s| sizes.contains(s))
        .unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_encoded_and_joined() {
        let pairs = vec![
            ("search.name".to_string(), "Ann & Bob".to_string()),
            ("page".to_string(), "2".to_string()),
        ];
        assert_eq!(
            with_query("/api/users", &pairs),
            "/api/users?search.name=Ann%20%26%20Bob&page=2"
        );
        assert_eq!(with_query("/api/users", &[]), "/api/users");
        assert_eq!(encode("é%"), "%C3%A9%25");
        assert_eq!(
            entity_path("/api/roles", "a/b", "/scopes"),
            "/api/roles/a%2Fb/scopes"
        );
    }
}
