//! Users: create, read, change, delete, passwords.

use serde_json::{Map, Value};
use tenantry_api_types::{CreateUser, UpdateUser, User};

use super::error::{Conflict, DomainError, DomainResult, Rule};
use super::{admin_guard, sessions, user_input};
use crate::ids::new_id;
use crate::password::{self, Algorithm};
use crate::state::AppState;
use crate::store::{UniqueField, UserChanges, UserRecord};

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

pub async fn find(state: &AppState, id: &str) -> DomainResult<UserRecord> {
    state
        .store
        .user(id)
        .await?
        .ok_or_else(DomainError::user_not_found)
}

/// Argon2id on a blocking thread, so hashing never stalls the async workers.
pub async fn hash_password(password: String) -> DomainResult<String> {
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))
}

async fn ensure_free(
    state: &AppState,
    field: UniqueField,
    value: Option<&String>,
    except_id: Option<&str>,
) -> DomainResult<()> {
    if let Some(value) = value
        && state.store.is_taken(field, value, except_id).await?
    {
        return Err(Conflict::UserField(field).into());
    }
    Ok(())
}

pub async fn create(state: &AppState, input: CreateUser) -> DomainResult<User> {
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
    let now = state.clock.now_ms();
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
) -> DomainResult<(Option<String>, Option<Algorithm>)> {
    match (plain, digest) {
        (Some(_), Some(_)) => Err(DomainError::from(Rule::PasswordAndDigest)),
        (Some(plain), None) => {
            user_input::password(plain)?;
            Ok((None, Some(Algorithm::Argon2id)))
        }
        (None, Some(digest)) => {
            let name = algorithm
                .as_deref()
                .ok_or_else(|| DomainError::from(Rule::PasswordAlgorithmRequired))?;
            let algorithm = Algorithm::parse(name)
                .ok_or_else(|| DomainError::invalid("passwordAlgorithm", "unknown algorithm"))?;
            if !algorithm.accepts_digest(digest) {
                return Err(DomainError::invalid(
                    "passwordDigest",
                    format!("not a {name} digest"),
                ));
            }
            Ok((Some(digest.clone()), Some(algorithm)))
        }
        (None, None) => Ok((None, None)),
    }
}

pub async fn update(state: &AppState, id: &str, input: UpdateUser) -> DomainResult<User> {
    find(state, id).await?;
    if input == UpdateUser::default() {
        return Err(Rule::NothingToUpdate.into());
    }
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

    let changes = UserChanges {
        custom_data: input
            .custom_data
            .as_ref()
            .map(|v| user_input::json_object("customData", v))
            .transpose()?,
        profile: input
            .profile
            .as_ref()
            .map(|v| user_input::json_object("profile", v))
            .transpose()?,
        username: input.username.into_change(),
        primary_email: input.primary_email.into_change(),
        primary_phone: input.primary_phone.into_change(),
        name: input.name.into_change(),
        avatar: input.avatar.into_change(),
        ..UserChanges::default()
    };
    save(state, id, &changes).await
}

/// Writes the changed columns, stamping `updatedAt`; answers the user as stored.
async fn save(state: &AppState, id: &str, changes: &UserChanges) -> DomainResult<User> {
    let user = state
        .store
        .update_user(id, changes, state.clock.now_ms())
        .await?
        .ok_or_else(DomainError::user_not_found)?;
    Ok(to_api(user, state.clock.now_ms()))
}

pub async fn delete(state: &AppState, id: &str) -> DomainResult<()> {
    let deleted = state
        .store
        .delete_user(id, admin_guard::PROTECTED_ROLE)
        .await?;
    if admin_guard::outcome(deleted)? {
        Ok(())
    } else {
        Err(DomainError::user_not_found())
    }
}

pub async fn set_password(state: &AppState, id: &str, password: String) -> DomainResult<User> {
    // An unknown user is 404 whatever the password; then the policy applies.
    find(state, id).await?;
    user_input::password(&password)?;
    let saved = store_password_digest(state, id, hash_password(password).await?).await?;
    sessions::revoke(state, id).await?;
    Ok(saved)
}

/// Writes an Argon2id digest as the user's password, touching no other column.
pub async fn store_password_digest(
    state: &AppState,
    id: &str,
    digest: String,
) -> DomainResult<User> {
    let changes = UserChanges {
        password_encrypted: Some(Some(digest)),
        password_encryption_method: Some(Some(Algorithm::Argon2id.name().into())),
        ..UserChanges::default()
    };
    save(state, id, &changes).await
}

pub async fn set_suspended(state: &AppState, id: &str, suspended: bool) -> DomainResult<User> {
    let changed = state
        .store
        .set_user_suspended(
            id,
            suspended,
            state.clock.now_ms(),
            admin_guard::PROTECTED_ROLE,
        )
        .await?;
    let user = admin_guard::outcome(changed)?.ok_or_else(DomainError::user_not_found)?;
    if suspended {
        sessions::revoke(state, id).await?;
    }
    Ok(to_api(user, state.clock.now_ms()))
}

/// Which JSON object column a merge writes.
#[derive(Clone, Copy)]
enum ObjectColumn {
    CustomData,
    Profile,
}

/// Merges `patch` into the column (shallow, as Logto) and returns the merged object.
/// Read, merge, then write only if the column is unchanged since the read, retrying
/// otherwise, so concurrent merges of different keys all survive.
async fn merge_object(
    state: &AppState,
    id: &str,
    column: ObjectColumn,
    patch: Map<String, Value>,
) -> DomainResult<Map<String, Value>> {
    const ATTEMPTS: usize = 50;
    for _ in 0..ATTEMPTS {
        let user = find(state, id).await?;
        let (field, stored) = match column {
            ObjectColumn::CustomData => ("customData", user.custom_data),
            ObjectColumn::Profile => ("profile", user.profile),
        };
        let mut merged = parse_object(&stored);
        merged.extend(patch.clone());
        let text = user_input::json_object(field, &merged)?;
        let changes = match column {
            ObjectColumn::CustomData => UserChanges {
                custom_data: Some(text),
                if_custom_data: Some(stored),
                ..UserChanges::default()
            },
            ObjectColumn::Profile => UserChanges {
                profile: Some(text),
                if_profile: Some(stored),
                ..UserChanges::default()
            },
        };
        if state
            .store
            .update_user(id, &changes, state.clock.now_ms())
            .await?
            .is_some()
        {
            return Ok(merged);
        }
    }
    Err(DomainError::Internal(format!(
        "{ATTEMPTS} concurrent writes in a row kept a merge from landing"
    )))
}

/// Merges the given keys into `customData` (shallow, as Logto).
pub async fn merge_custom_data(
    state: &AppState,
    id: &str,
    patch: Map<String, Value>,
) -> DomainResult<Map<String, Value>> {
    merge_object(state, id, ObjectColumn::CustomData, patch).await
}

/// Merges the given profile fields (shallow) and returns the whole profile.
pub async fn merge_profile(
    state: &AppState,
    id: &str,
    patch: Map<String, Value>,
) -> DomainResult<Map<String, Value>> {
    merge_object(state, id, ObjectColumn::Profile, patch).await
}
