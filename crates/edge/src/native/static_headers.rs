//! The portal's `_headers` file (Netlify / Cloudflare Pages syntax, shipped in
//! `dist/`) applied to the static files the edge serves, so the edge sends the
//! same Content-Security-Policy and caching as a static host would.
//!
//! Syntax: a line starting at column 0 is a path pattern (`/*`, `/boot-*`,
//! `/*.css`, `/index.html`; one `*` matches anything); indented `Name: value`
//! lines below it are its headers, `! Name` removes a header the rules above
//! set; `#` starts a comment. Every rule whose pattern matches the request path
//! applies; a header set by several rules gets their values joined with ", ",
//! as Cloudflare does.

use std::path::Path;

/// One block of the file: a path pattern and its headers.
#[derive(Debug, Clone, PartialEq)]
struct Rule {
    pattern: String,
    headers: Vec<(String, String)>,
    /// `! Name` lines: headers this path must not get.
    removed: Vec<String>,
}

/// The parsed file; empty when the static dir has none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StaticHeaders {
    rules: Vec<Rule>,
}

/// Files of `dist/` that configure the static host and are never served.
const HOST_FILES: [&str; 2] = ["_headers", "_redirects"];

/// Whether `path` reaches one of `HOST_FILES` however it is spelled: the file server
/// decodes percent-escapes and skips empty and `.` segments (`//%5Fheaders`).
pub fn is_host_file(path: &str) -> bool {
    let decoded: String =
        form_urlencoded::parse(format!("p={}", path.replace('+', "%2B")).as_bytes())
            .next()
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
    let mut segments = decoded.split('/').filter(|s| !s.is_empty() && *s != ".");
    matches!((segments.next(), segments.next()), (Some(name), None) if HOST_FILES.contains(&name))
}

impl StaticHeaders {
    /// Reads `<dir>/_headers`; a missing file means no rules.
    pub fn load(dir: &Path) -> Self {
        match std::fs::read_to_string(dir.join("_headers")) {
            Ok(text) => Self::parse(&text),
            Err(_) => Self::default(),
        }
    }

    pub fn parse(text: &str) -> Self {
        let mut rules: Vec<Rule> = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indented = line.starts_with([' ', '\t']);
            match (indented, rules.last_mut(), trimmed.split_once(':')) {
                (false, _, _) => rules.push(Rule {
                    pattern: trimmed.to_owned(),
                    headers: Vec::new(),
                    removed: Vec::new(),
                }),
                (true, Some(rule), _) if trimmed.starts_with('!') => {
                    rule.removed.push(trimmed[1..].trim().to_owned());
                }
                (true, Some(rule), Some((name, value))) => rule
                    .headers
                    .push((name.trim().to_owned(), value.trim().to_owned())),
                _ => tracing::warn!(line, "_headers: line ignored"),
            }
        }
        Self { rules }
    }

    /// The headers for a request to `path`, merged over every matching rule in
    /// file order. Each rule first removes its `! Name` headers, then adds its
    /// own, as Cloudflare's static assets do: a later rule can replace a header.
    pub fn for_path(&self, path: &str) -> Vec<(String, String)> {
        let mut merged: Vec<(String, String)> = Vec::new();
        for rule in self.rules.iter().filter(|r| matches(&r.pattern, path)) {
            for removed in &rule.removed {
                merged.retain(|(name, _)| !name.eq_ignore_ascii_case(removed));
            }
            for (name, value) in &rule.headers {
                match merged
                    .iter_mut()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    Some((_, joined)) => {
                        joined.push_str(", ");
                        joined.push_str(value);
                    }
                    None => merged.push((name.clone(), value.clone())),
                }
            }
        }
        merged
    }
}

/// Whether `path` matches `pattern`, whose one `*` matches any characters.
fn matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == path,
        Some((prefix, suffix)) => {
            path.len() >= prefix.len() + suffix.len()
                && path.starts_with(prefix)
                && path.ends_with(suffix)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_files_are_found_however_spelled() {
        for path in [
            "/_headers",
            "//_headers",
            "/%5Fheaders",
            "/./_redirects",
            "/%5f%72edirects",
        ] {
            assert!(is_host_file(path), "{path}");
        }
        for path in [
            "/",
            "/index.html",
            "/x/_headers",
            "/_headers.txt",
            "/headers",
        ] {
            assert!(!is_host_file(path), "{path}");
        }
    }

    const FILE: &str = "# comment\n/*\n  X-Frame-Options: DENY\n  Content-Security-Policy: default-src 'self'; img-src https:\n\n/*.css\n  Cache-Control: immutable\n/index.html\n  Cache-Control: no-cache\n";

    #[test]
    fn every_matching_rule_applies() {
        let headers = StaticHeaders::parse(FILE);
        let css = headers.for_path("/main-0123.css");
        assert!(css.contains(&("X-Frame-Options".into(), "DENY".into())));
        assert!(css.contains(&("Cache-Control".into(), "immutable".into())));
        let csp = headers.for_path("/users/1");
        assert_eq!(csp.len(), 2);
        assert_eq!(csp[1].1, "default-src 'self'; img-src https:");
        let index = headers.for_path("/index.html");
        assert!(index.contains(&("Cache-Control".into(), "no-cache".into())));
    }

    #[test]
    fn patterns_match_prefix_and_suffix() {
        assert!(matches("/*", "/"));
        assert!(matches("/boot-*", "/boot-12.js"));
        assert!(!matches("/boot-*", "/app.js"));
        assert!(matches("/*.css", "/a.css"));
        assert!(!matches("/*.css", "/a.js"));
        assert!(matches("/index.html", "/index.html"));
        assert!(!matches("/index.html", "/"));
    }

    #[test]
    fn a_bang_line_removes_a_header_of_another_rule() {
        let headers = StaticHeaders::parse(FILE);
        assert_eq!(headers.for_path("/x.html").len(), 2);
        let file = format!("{FILE}/x.html\n  ! content-security-policy\n");
        let headers = StaticHeaders::parse(&file);
        let x = headers.for_path("/x.html");
        assert_eq!(x, vec![("X-Frame-Options".to_owned(), "DENY".to_owned())]);
        assert_eq!(headers.for_path("/y.html").len(), 2);
    }

    #[test]
    fn a_later_rule_replaces_a_header_it_removes() {
        let file = format!(
            "{FILE}/x.html\n  ! Content-Security-Policy\n  Content-Security-Policy: default-src 'none'\n"
        );
        let headers = StaticHeaders::parse(&file);
        let x = headers.for_path("/x.html");
        assert_eq!(x[0], ("X-Frame-Options".to_owned(), "DENY".to_owned()));
        assert_eq!(
            x[1],
            (
                "Content-Security-Policy".to_owned(),
                "default-src 'none'".to_owned()
            )
        );
        assert_eq!(x.len(), 2);
        assert_eq!(
            headers.for_path("/y.html")[1].1,
            "default-src 'self'; img-src https:"
        );
    }

    #[test]
    fn a_header_in_two_rules_is_joined() {
        let headers = StaticHeaders::parse("/*\n  Link: <a>\n/x\n  Link: <b>\n");
        assert_eq!(
            headers.for_path("/x"),
            vec![("Link".to_owned(), "<a>, <b>".to_owned())]
        );
    }
}
