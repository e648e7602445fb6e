//! Users: create, read, change, delete, passwords.

use axum::http::StatusCode;
use serde_json::{Map, Value};
use tenantry_api_types::{CreateUser, UpdateUser, User};

use super::{admin_guard, sessions, user_input};
use crate::error::{ApiError, ApiResult, unique_violation};
use crate::ids::{new_id, now_ms};
use crate::password::{self, Algorithm};
use crate::state::AppState;
use crate::store::{UniqueField, UserRecord};

/// The API's view of a stored user; `now` decides whether a lock still holds.
pub fn to_api(record: UserRecord, now: i64) -> User {
    let locked_until = record.locked_until.filter(|&until| until > now);
    User {
        is_locked: locked_until.is_some(),
        locked_until,
        has_password: record.password_encrypted.is_some(),
        custom_data: parse_object(&record.custom_data),
        identities: parse_object(&record.identities),
        profile: parse_object(&record.profile),
        id: record.id,
        username: record.username,
        primary_email: record.primary_email,
        primary_phone: record.primary_phone,
        name: record.name,
        avatar: record.avatar,
        last_sign_in_at: record.last_sign_in_at,
        created_at: record.created_at,
        updated_at: record.updated_at,
        application_id: record.application_id,
        cimd_client_id: None,
        is_suspended: record.is_suspended,
    }
}

/// A stored JSON column; a value that is not an object reads as `{}`.
fn parse_object(text: &str) -> Map<String, Value> {
    serde_json::from_str(text).unwrap_or_default()
}

pub async fn find(state: &AppState, id: &str) -> ApiResult<UserRecord> {
    state
        .store
        .user(id)
        .await?
        .ok_or_else(ApiError::user_not_found)
}

/// Argon2id on a blocking thread, so hashing never stalls the async workers.
pub async fn hash_password(password: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))
}

async fn ensure_free(
    state: &AppState,
    field: UniqueField,
    value: Option<&String>,
    except_id: Option<&str>,
) -> ApiResult<()> {
    if let Some(value) = value
        && state.store.is_taken(field, value, except_id).await?
    {
        return Err(unique_violation(field));
    }
    Ok(())
}

pub async fn create(state: &AppState, input: CreateUser) -> ApiResult<User> {
    if let Some(v) = &input.username {
        user_input::username(v)?;
    }
    if let Some(v) = &input.primary_email {
        user_input::email(v)?;
    }
    if let Some(v) = &input.primary_phone {
        user_input::phone(v)?;
    }
    if let Some(v) = &input.name {
        user_input::name(v)?;
    }
    if let Some(v) = &input.avatar {
        user_input::avatar(v)?;
    }
    let custom_data =
        user_input::json_object("customData", &input.custom_data.unwrap_or_default())?;
    let profile = user_input::json_object("profile", &input.profile.unwrap_or_default())?;
    let (password_encrypted, method) = initial_password(
        &input.password,
        &input.password_digest,
        &input.password_algorithm,
    )?;

    ensure_free(state, UniqueField::Username, input.username.as_ref(), None).await?;
    ensure_free(
        state,
        UniqueField::Email,
        input.primary_email.as_ref(),
        None,
    )
    .await?;
    ensure_free(
        state,
        UniqueField::Phone,
        input.primary_phone.as_ref(),
        None,
    )
    .await?;

    let password_encrypted = match (password_encrypted, &input.password) {
        (None, Some(plain)) => Some(hash_password(plain.clone()).await?),
        (digest, _) => digest,
    };
    let now = now_ms();
    let record = UserRecord {
        id: new_id(),
        username: input.username,
        primary_email: input.primary_email,
        primary_phone: input.primary_phone,
        name: input.name,
        avatar: input.avatar,
        password_encrypted,
        password_encryption_method: method.map(|m| m.name().to_owned()),
        custom_data,
        identities: "{}".into(),
        profile,
        application_id: None,
        is_suspended: false,
        last_sign_in_at: None,
        created_at: now,
        updated_at: now,
        session_epoch: 0,
        locked_until: None,
    };
    state.store.insert_user(&record).await?;
    Ok(to_api(record, state.clock.now_ms()))
}

/// Checks the password fields of a new user. Returns an imported digest as is, or
/// `None` with Argon2id when a plain password is to be hashed.
fn initial_password(
    plain: &Option<String>,
    digest: &Option<String>,
    algorithm: &Option<String>,
) -> ApiResult<(Option<String>, Option<Algorithm>)> {
    match (plain, digest) {
        (Some(_), Some(_)) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "user.password_and_digest",
            "You cannot set both plain text password and password digest.",
        )),
        (Some(plain), None) => {
            user_input::password(plain)?;
            Ok((None, Some(Algorithm::Argon2id)))
        }
        (None, Some(digest)) => {
            let name = algorithm.as_deref().ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "user.password_algorithm_required",
                    "Password algorithm is required.",
                )
            })?;
            let algorithm = Algorithm::parse(name)
                .ok_or_else(|| ApiError::invalid_input("passwordAlgorithm: unknown algorithm"))?;
            if !algorithm.accepts_digest(digest) {
                return Err(ApiError::invalid_input(format!(
                    "passwordDigest: not a {name} digest"
                )));
            }
            Ok((Some(digest.clone()), Some(algorithm)))
        }
        (None, None) => Ok((None, None)),
    }
}

pub async fn update(state: &AppState, id: &str, input: UpdateUser) -> ApiResult<User> {
    let mut user = find(state, id).await?;
    if let Some(v) = input.username.as_value() {
        user_input::username(v)?;
    }
    if let Some(v) = input.primary_email.as_value() {
        user_input::email(v)?;
    }
    if let Some(v) = input.primary_phone.as_value() {
        user_input::phone(v)?;
    }
    if let Some(v) = input.name.as_value() {
        user_input::name(v)?;
    }
    if let Some(v) = input.avatar.as_value() {
        user_input::avatar(v)?;
    }
    ensure_free(
        state,
        UniqueField::Username,
        input.username.as_value(),
        Some(id),
    )
    .await?;
    ensure_free(
        state,
        UniqueField::Email,
        input.primary_email.as_value(),
        Some(id),
    )
    .await?;
    ensure_free(
        state,
        UniqueField::Phone,
        input.primary_phone.as_value(),
        Some(id),
    )
    .await?;

    if let Some(custom_data) = &input.custom_data {
        user.custom_data = user_input::json_object("customData", custom_data)?;
    }
    if let Some(profile) = &input.profile {
        user.profile = user_input::json_object("profile", profile)?;
    }
    if let Some(v) = input.username.into_change() {
        user.username = v;
    }
    if let Some(v) = input.primary_email.into_change() {
        user.primary_email = v;
    }
    if let Some(v) = input.primary_phone.into_change() {
        user.primary_phone = v;
    }
    if let Some(v) = input.name.into_change() {
        user.name = v;
    }
    if let Some(v) = input.avatar.into_change() {
        user.avatar = v;
    }
    save(state, user).await
}

/// Stamps `updatedAt` and writes the whole user.
pub async fn save(state: &AppState, mut user: UserRecord) -> ApiResult<User> {
    user.updated_at = now_ms();
    state.store.update_user(&user).await?;
    Ok(to_api(user, state.clock.now_ms()))
}

pub async fn delete(state: &AppState, id: &str) -> ApiResult<()> {
    find(state, id).await?;
    admin_guard::ensure_deletable(state, id).await?;
    if state.store.delete_user(id).await? {
        Ok(())
    } else {
        Err(ApiError::user_not_found())
    }
}

pub async fn set_password(state: &AppState, id: &str, password: String) -> ApiResult<User> {
    user_input::password(&password)?;
    let mut user = find(state, id).await?;
    user.password_encrypted = Some(hash_password(password).await?);
    user.password_encryption_method = Some(Algorithm::Argon2id.name().into());
    let saved = save(state, user).await?;
    sessions::revoke(state, id).await?;
    Ok(saved)
}

pub async fn set_suspended(state: &AppState, id: &str, suspended: bool) -> ApiResult<User> {
    let _serialized = state.admin_changes.lock().await;
    let mut user = find(state, id).await?;
    if suspended {
        admin_guard::ensure_suspendable(state, &user).await?;
    }
    user.is_suspended = suspended;
    let saved = save(state, user).await?;
    if suspended {
        sessions::revoke(state, id).await?;
    }
    Ok(saved)
}

/// Merges the given keys into `customData` (shallow, as Logto).
pub async fn merge_custom_data(
    state: &AppState,
    id: &str,
    patch: Map<String, Value>,
) -> ApiResult<Map<String, Value>> {
    let mut user = find(state, id).await?;
    let mut merged = parse_object(&user.custom_data);
    merged.extend(patch);
    user.custom_data = user_input::json_object("customData", &merged)?;
    save(state, user).await?;
    Ok(merged)
}

/// Merges the given profile fields (shallow) and returns the whole profile.
pub async fn merge_profile(
    state: &AppState,
    id: &str,
    patch: Map<String, Value>,
) -> ApiResult<Map<String, Value>> {
    let mut user = find(state, id).await?;
    let mut merged = parse_object(&user.profile);
    merged.extend(patch);
    user.profile = user_input::json_object("profile", &merged)?;
    save(state, user).await?;
    Ok(merged)
}
