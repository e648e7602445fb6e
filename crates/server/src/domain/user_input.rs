//! Field rules of Logto's user guards.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::error::{DomainError, DomainResult, Rule};

static USERNAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z_a-z][A-Za-z0-9_]*$").unwrap());
static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\S+@\S+\.\S+$").unwrap());
static PHONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+$").unwrap());
/// An `https:` URL with a host, or an inline image: an avatar lands in an `<img src>`
/// and in links, so `javascript:`, `http:` and other data types are refused.
static AVATAR_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:https)://[^\s/?#]+\S*|(?i:data):image/[A-Za-z0-9.+-]+(?:;[^,\s]*)?,\S*)$")
        .unwrap()
});

/// Longest value of each text column (Logto's varchar sizes).
const MAX_TEXT: usize = 128;
const MAX_AVATAR: usize = 2048;
const MAX_PASSWORD: usize = 256;
/// Bytes of a serialized `customData` or `profile` object.
const MAX_JSON: usize = 64 * 1024;

fn too_long(field: &str) -> DomainError {
    Rule::ValueTooLong(field.to_owned()).into()
}

fn check(field: &str, value: &str, rule: &Regex, max: usize) -> DomainResult<()> {
    if !rule.is_match(value) {
        return Err(DomainError::invalid(field, "invalid format"));
    }
    if value.chars().count() > max {
        return Err(too_long(field));
    }
    Ok(())
}

pub fn username(value: &str) -> DomainResult<()> {
    check("username", value, &USERNAME, MAX_TEXT)
}

pub fn email(value: &str) -> DomainResult<()> {
    check("primaryEmail", value, &EMAIL, MAX_TEXT)
}

/// An address Tenantry mails to: a valid email that is also one bare mailbox. A display
/// name (`Eve <eve@x.test>`) or anything the mail library reads differently would send
/// the message elsewhere than the address that was checked and counted.
pub fn mailbox(value: &str) -> DomainResult<()> {
    email(value)?;
    let bare = !value.contains(['<', '>', '"', '(', ')', ',', ';', '\\'])
        && value.parse::<lettre::Address>().is_ok();
    if bare {
        Ok(())
    } else {
        Err(DomainError::invalid(
            "primaryEmail",
            "must be a bare address such as name@example.com",
        ))
    }
}

pub fn phone(value: &str) -> DomainResult<()> {
    check("primaryPhone", value, &PHONE, MAX_TEXT)
}

pub fn name(value: &str) -> DomainResult<()> {
    if value.chars().count() > MAX_TEXT {
        return Err(too_long("name"));
    }
    Ok(())
}

/// An `https:` or `data:image/…` URL, or the empty string.
pub fn avatar(value: &str) -> DomainResult<()> {
    if value.is_empty() {
        return Ok(());
    }
    check("avatar", value, &AVATAR_URL, MAX_AVATAR)
}

/// A newly chosen password: non-empty, not too long, and within the password policy.
pub fn password(value: &str) -> DomainResult<()> {
    if value.is_empty() {
        return Err(DomainError::invalid("password", "must not be empty"));
    }
    if value.chars().count() > MAX_PASSWORD {
        return Err(too_long("password"));
    }
    crate::password_policy::current().check(value)
}

/// Serializes a JSON object column, refusing oversize ones.
pub fn json_object(field: &str, value: &Map<String, Value>) -> DomainResult<String> {
    let text = serde_json::to_string(value).map_err(|e| DomainError::Internal(e.to_string()))?;
    if text.len() > MAX_JSON {
        return Err(too_long(field));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_follow_logto() {
        assert!(username("alice_1").is_ok());
        assert!(username("_x").is_ok());
        assert!(username("1alice").is_err());
        assert!(username("al ice").is_err());
        assert!(username("élise").is_err());
    }

    #[test]
    fn emails_phones_avatars() {
        assert!(email("a@b.co").is_ok());
        assert!(email("a@b").is_err());
        assert!(phone("123").is_ok());
        assert!(phone("+123").is_err());
        assert!(avatar("").is_ok());
        assert!(avatar("https://x.test/a.png").is_ok());
        assert!(avatar("not a url").is_err());
        assert!(avatar("data:image/png;base64,iVBORw0KGgo=").is_ok());
        for bad in [
            "javascript:alert(1)",
            "javascript://x.test/%0Aalert(1)",
            "JaVaScRiPt://x",
            "http://x.test/a.png",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml",
            "vbscript://x",
            "https://",
            " https://x.test/a.png",
        ] {
            assert!(avatar(bad).is_err(), "{bad}");
        }
    }
}
