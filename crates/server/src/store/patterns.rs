//! Search patterns translated for SQLite, which lacks `ILIKE`, `SIMILAR TO` and
//! Unicode case folding: they become anchored regular expressions for its `REGEXP`
//! (Rust's regex, which folds Unicode case), plus literal runs that the FTS5
//! trigram index can look up first.

/// A LIKE pattern (`%`, `_`, `\` escapes, as PostgreSQL reads it) as a regex.
pub fn like_to_regex(pattern: &str, case_sensitive: bool) -> String {
    let mut re = String::from(if case_sensitive { "(?s)^" } else { "(?si)^" });
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => re.push_str(".*"),
            '_' => re.push('.'),
            '\\' => push_literal(&mut re, chars.next().unwrap_or('\\')),
            _ => push_literal(&mut re, c),
        }
    }
    re.push('$');
    re
}

/// An exact value as a regex (for case-insensitive exact matches).
pub fn exact_to_regex(value: &str) -> String {
    format!("(?si)^{}$", regex::escape(value))
}

/// SQL `SIMILAR TO` as an anchored regex: `%` → `.*`, `_` → `.`, `\x` literal, the
/// regex operators it shares with POSIX kept, everything else literal.
pub fn similar_to_regex(pattern: &str) -> String {
    let mut re = String::from("(?s)^(?:");
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => re.push_str(".*"),
            '_' => re.push('.'),
            '\\' => push_literal(&mut re, chars.next().unwrap_or('\\')),
            '|' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' => re.push(c),
            _ => push_literal(&mut re, c),
        }
    }
    re.push_str(")$");
    re
}

fn push_literal(re: &mut String, c: char) {
    re.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
}

/// Whether the pattern ends in an escape with nothing to escape (PostgreSQL refuses it).
pub fn has_dangling_escape(pattern: &str) -> bool {
    let trailing = pattern.chars().rev().take_while(|&c| c == '\\').count();
    trailing % 2 == 1
}

/// The literal stretches of a LIKE pattern that the trigram index can use (three
/// characters or more). Empty when the pattern has none: then there is no shortcut.
pub fn literal_runs(pattern: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    let mut chars = pattern.chars();
    let mut flush = |run: &mut String| {
        if run.chars().count() >= 3 {
            runs.push(std::mem::take(run));
        }
        run.clear();
    };
    while let Some(c) = chars.next() {
        match c {
            '%' | '_' => flush(&mut run),
            '\\' => run.push(chars.next().unwrap_or('\\')),
            _ => run.push(c),
        }
    }
    flush(&mut run);
    runs
}

/// An FTS5 query: any of the patterns, each needing all of its runs, in any of the columns.
pub fn fts_query(columns: &[&str], runs_per_pattern: &[Vec<String>]) -> String {
    let columns = columns.join(" ");
    runs_per_pattern
        .iter()
        .map(|runs| {
            let phrases: Vec<String> = runs
                .iter()
                .map(|r| format!("\"{}\"", r.replace('"', "\"\"")))
                .collect();
            format!("({{{columns}}} : ({}))", phrases.join(" AND "))
        })
        .collect::<Vec<_>>()
        .join(" OR ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn like_follows_postgres_escapes_and_folds_unicode() {
        let re = Regex::new(&like_to_regex("%\\%%", false)).unwrap();
        assert!(re.is_match("100% sure"));
        assert!(!re.is_match("back\\slash"));
        let re = Regex::new(&like_to_regex("%émile%", false)).unwrap();
        assert!(re.is_match("Émile Zola"));
        let re = Regex::new(&like_to_regex("a_c", true)).unwrap();
        assert!(re.is_match("abc") && !re.is_match("ABC") && !re.is_match("abcd"));
    }

    #[test]
    fn similar_to_is_anchored_and_keeps_alternation() {
        let re = Regex::new(&similar_to_regex("%(b|d)%.x")).unwrap();
        assert!(re.is_match("abc.x"));
        assert!(!re.is_match("abcax"));
        assert!(!re.is_match("ac.x"));
    }

    #[test]
    fn runs_and_fts_queries() {
        assert_eq!(literal_runs("%abc%de_fgh\\%%"), vec!["abc", "fgh%"]);
        assert!(literal_runs("%ab%").is_empty());
        assert!(has_dangling_escape("abc\\"));
        assert!(!has_dangling_escape("abc\\\\"));
        let query = fts_query(&["name", "username"], &[vec!["a\"b".into(), "cde".into()]]);
        assert_eq!(query, "({name username} : (\"a\"\"b\" AND \"cde\"))");
    }
}
