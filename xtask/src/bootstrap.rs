//! Reading `<data-dir>/bootstrap.json`, the credentials the server generated
//! on its first start: `{"adminUsername", "adminPassword"?, "edgeClientId",
//! "edgeClientSecret"?}`. The server leaves out a secret the operator configured
//! (`TENANTRY_ADMIN_PASSWORD`, `TENANTRY_EDGE_CLIENT_SECRET`): it is read from the
//! environment then.

use std::path::Path;

/// The credentials from a bootstrap file.
#[derive(Debug, PartialEq, Eq)]
pub struct Bootstrap {
    pub admin_username: String,
    pub admin_password: String,
    pub edge_client_id: String,
    pub edge_client_secret: String,
}

impl Bootstrap {
    /// Reads the file, or `None` when it does not exist or lacks a field.
    pub fn read(path: &Path) -> Option<Bootstrap> {
        Bootstrap::parse(&std::fs::read_to_string(path).ok()?, &|name| {
            std::env::var(name).ok()
        })
    }

    /// A secret missing from the file was configured: `env` has it.
    fn parse(json: &str, env: &dyn Fn(&str) -> Option<String>) -> Option<Bootstrap> {
        Some(Bootstrap {
            admin_username: string_field(json, "adminUsername")?,
            admin_password: string_field(json, "adminPassword")
                .or_else(|| env("TENANTRY_ADMIN_PASSWORD"))?,
            edge_client_id: string_field(json, "edgeClientId")?,
            edge_client_secret: string_field(json, "edgeClientSecret")
                .or_else(|| env("TENANTRY_EDGE_CLIENT_SECRET"))?,
        })
    }
}

/// The string value of `"key": "…"` in a flat JSON object, unescaped. Enough
/// for the server's bootstrap file without a JSON dependency.
fn string_field(json: &str, key: &str) -> Option<String> {
    let after_key = &json[json.find(&format!("\"{key}\""))? + key.len() + 2..];
    let value = after_key.trim_start().strip_prefix(':')?.trim_start();
    let mut chars = value.strip_prefix('"')?.chars();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => out.push(match chars.next()? {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                }
                other => other, // \" \\ \/
            }),
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_bootstrap_file() {
        let json = r#"{
          "adminUsername": "admin",
          "adminPassword": "p\"a\\ss\u0041",
          "edgeClientId" : "edge12345678",
          "edgeClientSecret":"s3cr3t"
        }"#;
        assert_eq!(
            Bootstrap::parse(json, &|_| None),
            Some(Bootstrap {
                admin_username: "admin".into(),
                admin_password: "p\"a\\ssA".into(),
                edge_client_id: "edge12345678".into(),
                edge_client_secret: "s3cr3t".into(),
            })
        );
    }

    #[test]
    fn a_missing_field_is_none() {
        assert_eq!(
            Bootstrap::parse(r#"{"adminUsername":"admin"}"#, &|_| None),
            None
        );
    }

    #[test]
    fn configured_secrets_come_from_the_environment() {
        let json = r#"{"adminUsername":"admin","edgeClientId":"edge12345678"}"#;
        let env = |name: &str| Some(format!("{name}-value"));
        let parsed = Bootstrap::parse(json, &env).unwrap();
        assert_eq!(parsed.admin_password, "TENANTRY_ADMIN_PASSWORD-value");
        assert_eq!(
            parsed.edge_client_secret,
            "TENANTRY_EDGE_CLIENT_SECRET-value"
        );
    }
}
