//! Path parameters are checked before anything is forwarded.

/// An id: 1 to 64 characters of `[0-9A-Za-z_-]` (Logto's ids and its fixed ids).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A name segment (an application secret's name): unreserved characters and
/// percent-escapes only, never `.` or `..`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 256
        && name != "."
        && name != ".."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names() {
        assert!(is_valid_id("0cbs9vt2s1q2"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id(".."));
        assert!(!is_valid_id(&"a".repeat(65)));
        assert!(is_valid_name("my%20secret"));
        assert!(!is_valid_name(".."));
        assert!(!is_valid_name("a?b"));
    }
}
