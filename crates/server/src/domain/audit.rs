//! Audit log rows in Logto's shape. Writing one never fails the request it describes,
//! and payloads carry who, what and the outcome, never a password, token or secret.

use serde_json::{Map, Value, json};
use tenantry_api_types::Log;

use crate::ids::new_id;
use crate::state::AppState;
use crate::store::LogRecord;

/// The user an action was about, when the path does not name one (user creation);
/// handlers leave it on the response for the audit layer.
#[derive(Debug, Clone)]
pub struct SubjectUser(pub String);

/// One thing that happened, to be logged.
#[derive(Debug, Default)]
pub struct Entry {
    pub key: String,
    pub ok: bool,
    pub error_code: Option<String>,
    pub user_id: Option<String>,
    pub application_id: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Further non-secret fields (method, path, status, …).
    pub extra: Map<String, Value>,
}

pub async fn record(state: &AppState, entry: Entry) {
    let mut payload = entry.extra;
    payload.insert("key".into(), json!(entry.key));
    payload.insert(
        "result".into(),
        json!(if entry.ok { "Success" } else { "Error" }),
    );
    if let Some(code) = &entry.error_code {
        payload.insert("error".into(), json!({ "code": code }));
    }
    for (name, value) in [
        ("ip", &entry.ip),
        ("userAgent", &entry.user_agent),
        ("userId", &entry.user_id),
        ("applicationId", &entry.application_id),
    ] {
        if let Some(value) = value {
            payload.insert(name.into(), json!(value));
        }
    }
    let log = LogRecord {
        id: new_id(),
        key: entry.key,
        payload: Value::Object(payload).to_string(),
        user_id: entry.user_id,
        application_id: entry.application_id,
        created_at: state.clock.now_ms(),
    };
    state.audit.write(log).await;
}

pub fn to_api(record: LogRecord) -> Log {
    Log {
        payload: serde_json::from_str(&record.payload).unwrap_or_else(|_| json!({})),
        id: record.id,
        key: record.key,
        created_at: record.created_at,
    }
}
