//! Application secrets: 32 characters of `[0-9A-Za-z]`, shown once when created and
//! kept only as a SHA-256 hash (the value has ~190 bits of entropy, so a fast hash is
//! enough) with its first characters to recognise it.

use tenantry_api_types::{ApplicationSecret, CreateApplicationSecret, CreatedApplicationSecret};

use super::error::{Conflict, DomainError, DomainResult, Missing, Rule};
use super::{applications, tokens};
use crate::builtin::TENANT_ID;
use crate::ids::new_secret;
use crate::state::AppState;
use crate::store::{ApplicationSecretRecord, Renamed};

/// How many leading characters of a value the list shows.
const PREFIX_LEN: usize = 4;

/// The stored form of a secret value: its SHA-256 in hex, and its prefix.
pub fn hash_secret(value: &str) -> (String, String) {
    (
        tokens::token_hash(value),
        value.chars().take(PREFIX_LEN).collect(),
    )
}

/// What a presented secret is, compared in constant time with every stored one.
pub enum SecretMatch<'a> {
    Valid(&'a ApplicationSecretRecord),
    /// Right value, past its expiry: the holder may be told (Logto does).
    Expired,
    None,
}

pub fn matching<'a>(
    secrets: &'a [ApplicationSecretRecord],
    presented: &str,
    now: i64,
) -> SecretMatch<'a> {
    let mut found = SecretMatch::None;
    for secret in secrets {
        if tokens::matches(presented, &secret.value_hash) {
            found = if secret.expires_at.is_none_or(|at| at > now) {
                SecretMatch::Valid(secret)
            } else {
                SecretMatch::Expired
            };
        }
    }
    found
}

pub fn to_api(record: ApplicationSecretRecord) -> ApplicationSecret {
    ApplicationSecret {
        tenant_id: TENANT_ID.into(),
        application_id: record.application_id,
        name: record.name,
        value_prefix: record.value_prefix,
        created_at: record.created_at,
        expires_at: record.expires_at,
        last_used_at: record.last_used_at,
    }
}

fn name_exists() -> DomainError {
    Conflict::SecretName.into()
}

fn checked_name(name: &str) -> DomainResult<()> {
    if name.trim().is_empty() || name.chars().count() > 256 {
        return Err(DomainError::invalid("name", "must be 1 to 256 characters"));
    }
    Ok(())
}

fn not_found(name: &str) -> DomainError {
    DomainError::NotFound(Missing::Named {
        owner: "application",
        what: "secret",
        name: name.to_owned(),
    })
}

/// Keeps the live-client set in step with the application's secrets.
async fn refresh_live_client(state: &AppState, app_id: &str) -> DomainResult<()> {
    let secrets = state.store.application_secrets(app_id).await?;
    state
        .live_clients
        .set_secrets(app_id, &secrets, state.clock.now_ms());
    Ok(state.store.announce_client_change(app_id).await?)
}

pub async fn list(state: &AppState, app_id: &str) -> DomainResult<Vec<ApplicationSecret>> {
    applications::find(state, app_id).await?;
    let secrets = state.store.application_secrets(app_id).await?;
    Ok(secrets.into_iter().map(to_api).collect())
}

pub async fn create(
    state: &AppState,
    app_id: &str,
    body: CreateApplicationSecret,
) -> DomainResult<CreatedApplicationSecret> {
    checked_name(&body.name)?;
    let now = state.clock.now_ms();
    if body.expires_at.is_some_and(|at| at <= now) {
        return Err(Rule::ExpiryInPast.into());
    }
    let app = applications::find(state, app_id).await?;
    if !applications::has_secrets(&app.application_type) {
        return Err(Rule::ConstraintViolated("This type of application has no secrets.").into());
    }
    insert(state, app_id, body.name, body.expires_at).await
}

/// The secret an application of a type with secrets is created with: its value.
pub async fn create_default(state: &AppState, app_id: &str, name: &str) -> DomainResult<String> {
    Ok(insert(state, app_id, name.to_owned(), None).await?.value)
}

async fn insert(
    state: &AppState,
    app_id: &str,
    name: String,
    expires_at: Option<i64>,
) -> DomainResult<CreatedApplicationSecret> {
    let value = new_secret();
    let (value_hash, value_prefix) = hash_secret(&value);
    let record = ApplicationSecretRecord {
        application_id: app_id.to_owned(),
        name,
        value_hash,
        value_prefix,
        created_at: state.clock.now_ms(),
        expires_at,
        last_used_at: None,
    };
    if !state.store.insert_application_secret(&record).await? {
        return Err(name_exists());
    }
    refresh_live_client(state, app_id).await?;
    Ok(CreatedApplicationSecret {
        secret: to_api(record),
        value,
    })
}

pub async fn rename(
    state: &AppState,
    app_id: &str,
    name: &str,
    new_name: String,
) -> DomainResult<ApplicationSecret> {
    checked_name(&new_name)?;
    applications::find(state, app_id).await?;
    match state
        .store
        .rename_application_secret(app_id, name, &new_name)
        .await?
    {
        Renamed::Done(record) => Ok(to_api(record)),
        Renamed::Missing => Err(not_found(name)),
        Renamed::Taken => Err(name_exists()),
    }
}

/// Deleting the last secret stops new tokens for the application at once.
/// The application calling cannot delete its last usable secret: it could get no
/// token once its current one expires.
pub async fn delete(state: &AppState, app_id: &str, name: &str, caller: &str) -> DomainResult<()> {
    applications::find(state, app_id).await?;
    if app_id == caller {
        let now = state.clock.now_ms();
        let secrets = state.store.application_secrets(app_id).await?;
        let usable = |s: &&ApplicationSecretRecord| s.expires_at.is_none_or(|at| at > now);
        let named = secrets.iter().any(|s| s.name == name);
        if named && !secrets.iter().filter(usable).any(|s| s.name != name) {
            return Err(Rule::CannotDeleteLastSecret.into());
        }
    }
    if state.store.delete_application_secret(app_id, name).await? {
        // Ends the tokens the deleted secret may have issued.
        refresh_live_client(state, app_id).await
    } else {
        Err(not_found(name))
    }
}
