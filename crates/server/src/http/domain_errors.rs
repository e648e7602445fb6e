//! The one table from domain errors to Logto's status, code and message.

use axum::http::StatusCode;
use serde_json::json;

use crate::domain::error::{Conflict, DomainError, LinkKind, Missing, Rule};
use crate::error::ApiError;
use crate::store::UniqueField;

const BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::NotFound(missing) => not_found(missing),
            DomainError::Conflict(conflict) => conflict_error(conflict),
            DomainError::MissingRelation(what) => ApiError::new(
                UNPROCESSABLE,
                "entity.relation_foreign_key_not_found",
                match what {
                    Some(what) => format!("The {what} does not exist."),
                    None => "A referenced entity does not exist.".into(),
                },
            ),
            DomainError::Invalid { field, reason } => {
                ApiError::invalid_input(format!("{field}: {reason}"))
            }
            DomainError::Refused(rule) => refusal(rule),
            DomainError::Internal(detail) => ApiError::Internal(detail),
        }
    }
}

fn not_found(missing: Missing) -> ApiError {
    let status = StatusCode::NOT_FOUND;
    match missing {
        Missing::User => ApiError::new(status, "entity.not_found", "The user does not exist."),
        Missing::Entity { kind, id } => ApiError::new(
            status,
            "entity.not_exists_with_id",
            format!("The {kind} with ID `{id}` does not exist."),
        ),
        Missing::Link(sentence) => ApiError::new(status, "entity.not_found", sentence),
        Missing::Named { owner, what, name } => ApiError::new(
            status,
            "entity.not_found",
            format!("The {owner} has no {what} named `{name}`."),
        ),
    }
}

fn conflict_error(conflict: Conflict) -> ApiError {
    match conflict {
        Conflict::UserField(field) => {
            let (code, what) = match field {
                UniqueField::Username => ("user.username_already_in_use", "username"),
                UniqueField::Email => ("user.email_already_in_use", "email"),
                UniqueField::Phone => ("user.phone_already_in_use", "phone number"),
            };
            ApiError::new(
                UNPROCESSABLE,
                code,
                format!("This {what} is already in use."),
            )
        }
        Conflict::Entity => ApiError::new(
            UNPROCESSABLE,
            "entity.unique_integrity_violation",
            "The entity already exists or conflicts with another one.",
        ),
        Conflict::PendingInvitation => ApiError::new(
            UNPROCESSABLE,
            "entity.unique_integrity_violation",
            "A pending invitation for this invitee to this organization already exists.",
        ),
        Conflict::SecretName => ApiError::new(
            UNPROCESSABLE,
            "application.secret_name_exists",
            "Secret name already exists.",
        ),
        Conflict::RoleName(name) => ApiError::new(
            UNPROCESSABLE,
            "role.name_in_use",
            format!("This role name {name} is already in use"),
        ),
        Conflict::ScopeName(name) => ApiError::new(
            UNPROCESSABLE,
            "scope.name_exists",
            format!("The scope name {name} is already in use"),
        ),
        Conflict::ResourceIndicator(indicator) => ApiError::new(
            UNPROCESSABLE,
            "resource.resource_identifier_in_use",
            format!("The API identifier {indicator} is already in use"),
        ),
        Conflict::Linked(linked, id) => {
            let (code, message, key) = match linked {
                LinkKind::UserToRole => (
                    "role.user_exists",
                    format!("The user id {id} is already been added to this role"),
                    "userId",
                ),
                LinkKind::ApplicationToRole => (
                    "role.application_exists",
                    format!("The application id {id} is already been added to this role"),
                    "applicationId",
                ),
                LinkKind::ScopeToRole => (
                    "role.scope_exists",
                    format!("The scope id {id} has already been added to this role"),
                    "scopeId",
                ),
            };
            ApiError::new(UNPROCESSABLE, code, message).with_data(json!({ key: id }))
        }
    }
}

fn refusal(rule: Rule) -> ApiError {
    use Rule::*;
    let (status, code, message): (StatusCode, &'static str, String) = match rule {
        SessionRevoked => (
            StatusCode::UNAUTHORIZED,
            tenantry_api_types::SESSION_REVOKED,
            "This session has ended. Sign in again.".into(),
        ),
        ValueTooLong(field) => (
            UNPROCESSABLE,
            "entity.value_too_long",
            format!("The value of `{field}` is too long."),
        ),
        ExpiryInPast => {
            return invalid_request(BAD_REQUEST, "The value of `expiresAt` must be in the future.");
        }
        CannotDeleteLastSecret => (
            BAD_REQUEST,
            "application.cannot_delete_last_secret",
            "The application making this request cannot delete its last usable secret.".into(),
        ),
        CannotDeleteSelf => (
            BAD_REQUEST,
            "application.cannot_delete_self",
            "The application making this request cannot delete itself.".into(),
        ),
        UseSamlApplicationApi => (
            BAD_REQUEST,
            "application.saml.use_saml_app_api",
            "Use `[METHOD] /saml-applications(/.*)?` API to operate SAML app.".into(),
        ),
        ProtectedAppMetadataRequired => (
            BAD_REQUEST,
            "application.protected_app_metadata_is_required",
            "Protected app metadata is required.".into(),
        ),
        ProtectedAppNotConfigured => (
            StatusCode::NOT_IMPLEMENTED,
            "application.protected_app_not_configured",
            "Protected apps need a hosting provider; Tenantry, like Logto OSS, has none.".into(),
        ),
        InvalidThirdPartyType => (
            BAD_REQUEST,
            "application.invalid_third_party_application_type",
            "Only traditional web, single-page, and native applications can be marked as \
             third-party apps."
                .into(),
        ),
        DeviceFlowNativeOnly => (
            UNPROCESSABLE,
            "application.device_flow_native_only",
            "Device flow is only available for native applications.".into(),
        ),
        DeviceFlowNotChangeable => (
            UNPROCESSABLE,
            "application.device_flow_not_changeable",
            "Device flow cannot be changed after application creation.".into(),
        ),
        NothingToUpdate => (
            UNPROCESSABLE,
            "entity.invalid_input",
            "The request names no field to change.".into(),
        ),
        ConstraintViolated(why) => (UNPROCESSABLE, "entity.db_constraint_violated", why.into()),
        EmailMissing => (
            UNPROCESSABLE,
            "user.email_missing",
            "The user has no email address.".into(),
        ),
        InvalidResetToken => (
            BAD_REQUEST,
            "password_reset.invalid_token",
            "This reset link is invalid, used or expired.".into(),
        ),
        LastAdmin => (
            UNPROCESSABLE,
            "role.last_admin",
            "This is the last active tenant admin; make another user a tenant admin first."
                .into(),
        ),
        CannotDeleteAdmin => (
            UNPROCESSABLE,
            "user.cannot_delete_admin",
            "Remove the tenant-admin role before deleting this user.".into(),
        ),
        CodeNotFound => (
            BAD_REQUEST,
            "verification_code.not_found",
            "No code is pending: ask for a new one.".into(),
        ),
        CodeExpired => (
            BAD_REQUEST,
            "verification_code.expired",
            "The code has expired: ask for a new one.".into(),
        ),
        CodeTriesExceeded => (
            BAD_REQUEST,
            "verification_code.exceed_max_try",
            "Too many wrong codes: ask for a new one.".into(),
        ),
        CodeMismatch => (
            BAD_REQUEST,
            "verification_code.code_mismatch",
            "The code is not the one we sent.".into(),
        ),
        CodeTooSoon { retry_after_secs } => {
            return ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "verification_code.too_many_requests",
                format!("A code was sent less than a minute ago. Try again in {retry_after_secs} s."),
            )
            .with_data(json!({ "retryAfter": retry_after_secs }));
        }
        RequireMembership => (
            UNPROCESSABLE,
            "organization.require_membership",
            "The user must be a member of the organization to proceed.".into(),
        ),
        OrganizationRolesNotFound(names) => (
            UNPROCESSABLE,
            "organization.role_names_not_found",
            format!("There are some roles that do not exist: {}.", names.join(", ")),
        ),
        PasswordAndDigest => (
            BAD_REQUEST,
            "user.password_and_digest",
            "You cannot set both plain text password and password digest.".into(),
        ),
        PasswordAlgorithmRequired => (
            BAD_REQUEST,
            "user.password_algorithm_required",
            "Password algorithm is required.".into(),
        ),
        CannotModifyManagementApi => (
            BAD_REQUEST,
            "resource.cannot_modify_management_api",
            "Cannot modify the Management API or its `all` scope.".into(),
        ),
        CannotDeleteManagementApi => (
            BAD_REQUEST,
            "resource.cannot_delete_management_api",
            "Cannot delete Logto management API.".into(),
        ),
        ScopeNameWithSpace => (
            BAD_REQUEST,
            "scope.name_with_space",
            "The name of the scope cannot contain any spaces.".into(),
        ),
        MachineRoleForUser => (
            UNPROCESSABLE,
            "user.invalid_role_type",
            "Can not assign machine to machine role to user.".into(),
        ),
        UserRoleForApplication => (
            UNPROCESSABLE,
            "application.invalid_role_type",
            "Can not assign user type role to machine to machine application.".into(),
        ),
        InternalRole => (
            StatusCode::FORBIDDEN,
            "role.internal_role_violation",
            "The tenant-admin and edge roles cannot be renamed or deleted, nor lose the Management API scope.".into(),
        ),
        ManagementScopesOnDefaultRole => (
            UNPROCESSABLE,
            "role.management_api_scopes_not_assignable_to_default_role",
            "Cannot make a role that grants Management API scopes a default role, nor add Management API scopes to a default role.".into(),
        ),
        InvalidSearch(why) => (BAD_REQUEST, "request.invalid_input", why),
        InvitationInvalidToken => (
            BAD_REQUEST,
            "invitation.invalid_token",
            "This invitation link is invalid or was already used.".into(),
        ),
        InvitationExpired => (
            UNPROCESSABLE,
            "invitation.expired",
            "This invitation has expired.".into(),
        ),
        InvitationSignInRequired => (
            UNPROCESSABLE,
            "invitation.sign_in_required",
            "An account with this email address already exists: enter its password to join."
                .into(),
        ),
        InvitationChange(why) => return invalid_request(UNPROCESSABLE, why),
        TooManyInvitationMails { retry_after_secs } => {
            return ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "request.too_many_requests",
                format!(
                    "Too many invitation mails to this address. Try again in {retry_after_secs} seconds."
                ),
            )
            .with_data(json!({ "retryAfter": retry_after_secs }));
        }
        PasswordRejected(issues) => {
            return ApiError::new(
                UNPROCESSABLE,
                "password.rejected",
                "Password rejected. Please check if your password meets the requirements.",
            )
            .with_data(issues);
        }
        InvalidCredentials => (
            UNPROCESSABLE,
            "session.invalid_credentials",
            "Wrong credentials. Please check your input.".into(),
        ),
        Suspended => (
            UNPROCESSABLE,
            "user.suspended",
            "This account is suspended.".into(),
        ),
        Locked { until } => {
            return ApiError::new(
                StatusCode::LOCKED,
                "user.locked",
                "This account is locked after too many failed sign-in attempts.",
            )
            .with_data(json!({ "lockedUntil": until }));
        }
        TooManyAttempts { retry_after_secs } => {
            return ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "user.too_many_attempts",
                format!(
                    "Too many failed attempts from this address. Try again in {retry_after_secs} seconds."
                ),
            )
            .with_data(json!({ "retryAfter": retry_after_secs }));
        }
    };
    ApiError::new(status, code, message)
}

/// Logto's `request.invalid_input`, with the reason in `details`.
fn invalid_request(status: StatusCode, details: &str) -> ApiError {
    ApiError::Coded {
        status,
        code: "request.invalid_input",
        message: "The request input is invalid.".into(),
        details: Some(details.to_owned()),
        data: None,
    }
}
