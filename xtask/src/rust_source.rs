//! Just enough of a Rust lexer for the tidy checks: it tells code from comments and
//! string literals, so a rule about code is not tripped by a comment, and a rule about
//! strings (SQL) is not tripped by code or comments.

/// A Rust file split into its code (comments and literal contents left out) and the
/// contents of its string literals (plain, byte and raw), escapes kept as written.
pub struct Split {
    pub code: String,
    pub literals: Vec<String>,
}

pub fn split(source: &str) -> Split {
    let chars: Vec<char> = source.chars().collect();
    let mut code = String::new();
    let mut literals = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i = block_comment_end(&chars, i);
        } else if c == '"' {
            let (literal, end) = quoted(&chars, i + 1);
            literals.push(literal);
            code.push_str("\"\"");
            i = end;
        } else if let Some(hashes) = raw_string_start(&chars, i) {
            let (literal, end) = raw(&chars, i, hashes);
            literals.push(literal);
            code.push_str("\"\"");
            i = end;
        } else if c == '\'' {
            i = char_literal_end(&chars, i);
            code.push(' ');
        } else {
            code.push(c);
            i += 1;
        }
    }
    Split { code, literals }
}

/// Past the end of the (possibly nested) block comment that starts at `start`.
fn block_comment_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i < chars.len() {
        match (chars[i], chars.get(i + 1)) {
            ('/', Some('*')) => {
                depth += 1;
                i += 2;
            }
            ('*', Some('/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    i
}

/// The contents of a `"…"` literal whose contents start at `start`, and the index
/// past its closing quote.
fn quoted(chars: &[char], start: usize) -> (String, usize) {
    let mut literal = String::new();
    let mut i = start;
    while i < chars.len() && chars[i] != '"' {
        if chars[i] == '\\' && i + 1 < chars.len() {
            literal.push(chars[i]);
            i += 1;
        }
        literal.push(chars[i]);
        i += 1;
    }
    (literal, i + 1)
}

/// `r"`, `r#"`, `br##"` …: the number of hashes, when a raw string starts at `i`.
fn raw_string_start(chars: &[char], i: usize) -> Option<usize> {
    let starts_token = i == 0 || !is_ident(chars[i - 1]);
    let r = match chars[i] {
        'r' if starts_token => i,
        'b' if starts_token && chars.get(i + 1) == Some(&'r') => i + 1,
        _ => return None,
    };
    let hashes = chars[r + 1..].iter().take_while(|&&c| c == '#').count();
    (chars.get(r + 1 + hashes) == Some(&'"')).then_some(hashes)
}

fn raw(chars: &[char], start: usize, hashes: usize) -> (String, usize) {
    let open = chars[start..].iter().position(|&c| c == '"').unwrap_or(0) + start + 1;
    let close: String = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    let rest: String = chars[open..].iter().collect();
    match rest.find(&close) {
        Some(end) => {
            let literal = rest[..end].to_owned();
            (
                literal.clone(),
                open + literal.chars().count() + close.len(),
            )
        }
        None => (rest, chars.len()),
    }
}

/// Past a char literal (`'"'`, `'\''`, `'\u{1F600}'`), or past the quote of a lifetime.
fn char_literal_end(chars: &[char], start: usize) -> usize {
    match chars.get(start + 1) {
        Some('\\') => {
            let mut i = start + 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i + 1
        }
        Some(_) if chars.get(start + 2) == Some(&'\'') => start + 3,
        _ => start + 1,
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn separates_code_comments_and_literals() {
        let source = r####"
            // use axum::Router; "not a literal"
            /* outer /* nested "x" */ still a comment */
            use std::fmt; // trailing
            fn f<'a>(s: &'a str) -> char {
                let _ = ("SELECT 1", r#"raw "quoted" text"#, b"bytes", br"raw bytes");
                let _ = "escaped \" quote";
                '"'
            }
        "####;
        let parts = split(source);
        assert_eq!(
            parts.literals,
            [
                "SELECT 1",
                r#"raw "quoted" text"#,
                "bytes",
                "raw bytes",
                r#"escaped \" quote"#
            ]
        );
        assert!(!parts.code.contains("axum"), "{}", parts.code);
        assert!(!parts.code.contains("nested"), "{}", parts.code);
        assert!(parts.code.contains("use std::fmt;"), "{}", parts.code);
        assert!(parts.code.contains("fn f<"), "{}", parts.code);
        assert!(!parts.code.contains("SELECT"), "{}", parts.code);
    }
}
