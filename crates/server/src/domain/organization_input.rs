//! Field rules of Logto's organization guards.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::error::{DomainError, DomainResult};

static HEX_COLOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$").unwrap());
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$").unwrap());

const MAX_NAME: usize = 128;
const MAX_DESCRIPTION: usize = 256;
const MAX_URL: usize = 2048;
/// Bytes of `customCss` (Logto's column is unbounded text; the body limit is larger).
const MAX_CSS: usize = 64 * 1024;

pub fn name(value: &str) -> DomainResult<()> {
    let length = value.chars().count();
    if length == 0 || length > MAX_NAME {
        return Err(DomainError::invalid(
            "name",
            format!("1 to {MAX_NAME} characters"),
        ));
    }
    Ok(())
}

pub fn description(value: &str) -> DomainResult<()> {
    if value.chars().count() > MAX_DESCRIPTION {
        return Err(DomainError::invalid(
            "description",
            format!("at most {MAX_DESCRIPTION} characters"),
        ));
    }
    Ok(())
}

pub fn custom_css(value: &str) -> DomainResult<()> {
    if value.len() > MAX_CSS {
        return Err(DomainError::invalid(
            "customCss",
            format!("at most {MAX_CSS} bytes"),
        ));
    }
    Ok(())
}

/// Logto's `partialColorGuard`: the known keys checked, unknown ones dropped (as zod does).
pub fn color(value: &Map<String, Value>) -> DomainResult<String> {
    let mut kept = Map::new();
    for key in ["primaryColor", "darkPrimaryColor"] {
        match value.get(key) {
            None => {}
            Some(Value::String(s)) if HEX_COLOR.is_match(s) => {
                kept.insert(key.into(), Value::String(s.clone()));
            }
            Some(_) => {
                return Err(DomainError::invalid(
                    format!("color.{key}"),
                    "a hex colour such as #1a2b3c",
                ));
            }
        }
    }
    match value.get("isDarkModeEnabled") {
        None => {}
        Some(Value::Bool(b)) => {
            kept.insert("isDarkModeEnabled".into(), Value::Bool(*b));
        }
        Some(_) => {
            return Err(DomainError::invalid("color.isDarkModeEnabled", "a boolean"));
        }
    }
    Ok(Value::Object(kept).to_string())
}

/// Logto's `brandingGuard`: optional URLs, unknown keys dropped.
pub fn branding(value: &Map<String, Value>) -> DomainResult<String> {
    let mut kept = Map::new();
    for key in ["logoUrl", "darkLogoUrl", "favicon", "darkFavicon"] {
        match value.get(key) {
            None => {}
            Some(Value::String(s)) if s.len() <= MAX_URL && URL.is_match(s) => {
                kept.insert(key.into(), Value::String(s.clone()));
            }
            Some(_) => {
                return Err(DomainError::invalid(format!("branding.{key}"), "a URL"));
            }
        }
    }
    Ok(Value::Object(kept).to_string())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn colours_are_hex_and_unknown_keys_are_dropped() {
        let ok = color(&object(
            json!({"primaryColor": "#abc", "isDarkModeEnabled": true, "x": 1}),
        ));
        assert_eq!(
            serde_json::from_str::<Value>(&ok.unwrap()).unwrap(),
            json!({"primaryColor": "#abc", "isDarkModeEnabled": true})
        );
        assert!(color(&object(json!({"primaryColor": "red"}))).is_err());
        assert!(color(&object(json!({"darkPrimaryColor": "#12345"}))).is_err());
        assert!(color(&object(json!({"isDarkModeEnabled": "yes"}))).is_err());
    }

    #[test]
    fn branding_holds_urls() {
        assert!(branding(&object(json!({"logoUrl": "https://x.test/l.png"}))).is_ok());
        assert!(branding(&object(json!({"favicon": "not a url"}))).is_err());
        assert!(name("").is_err());
        assert!(name(&"n".repeat(128)).is_ok());
        assert!(name(&"n".repeat(129)).is_err());
        assert!(description(&"d".repeat(257)).is_err());
    }
}
