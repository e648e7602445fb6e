//! What a domain operation answers instead of a result, without HTTP: one table in
//! `http/domain_errors.rs` gives each its Logto status, code and message.

use crate::mail::MailError;
use crate::store::{StoreError, UniqueField};

pub type DomainResult<T> = Result<T, DomainError>;

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("not found: {0:?}")]
    NotFound(Missing),
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    /// An id the request refers to names nothing (`what`, when known).
    #[error("missing relation: {0:?}")]
    MissingRelation(Option<&'static str>),
    /// The input is invalid: which field, and why.
    #[error("invalid {field}: {reason}")]
    Invalid { field: String, reason: String },
    /// A rule of the product refuses the request.
    #[error("refused: {0:?}")]
    Refused(Rule),
    /// The server itself failed (store, mail queue, a worker thread): logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

/// What does not exist.
#[derive(Debug)]
pub enum Missing {
    User,
    /// An entity of the named kind ("role", "organization", …) with this id.
    Entity {
        kind: &'static str,
        id: String,
    },
    /// A link the request assumes, said as a sentence ("The user does not hold this role.").
    Link(&'static str),
    /// Something named inside its owner ("The application has no secret named `x`.").
    Named {
        owner: &'static str,
        what: &'static str,
        name: String,
    },
}

/// What is taken already.
#[derive(Debug)]
pub enum Conflict {
    UserField(UniqueField),
    /// Any other unique constraint (Logto's generic answer).
    Entity,
    PendingInvitation,
    SecretName,
    RoleName(String),
    ScopeName(String),
    ResourceIndicator(String),
    /// The id is linked already: (what is linked, its id).
    Linked(LinkKind, String),
}

#[derive(Debug, Clone, Copy)]
pub enum LinkKind {
    UserToRole,
    ApplicationToRole,
    ScopeToRole,
}

/// A rule that refuses the request, each with its own Logto code.
#[derive(Debug)]
pub enum Rule {
    SessionRevoked,
    ValueTooLong(String),
    ExpiryInPast,
    CannotDeleteLastSecret,
    CannotDeleteSelf,
    /// SAML applications have their own API in Logto, which Tenantry does not offer.
    UseSamlApplicationApi,
    ProtectedAppMetadataRequired,
    /// Protected apps need Logto Cloud's hosting; refused as by Logto OSS.
    ProtectedAppNotConfigured,
    InvalidThirdPartyType,
    DeviceFlowNativeOnly,
    DeviceFlowNotChangeable,
    /// What Logto's database constraints refuse (a secret for an application type that
    /// has none, a machine-to-machine role for a user through the role's routes): why.
    ConstraintViolated(&'static str),
    /// A change that names no field.
    NothingToUpdate,
    EmailMissing,
    InvalidResetToken,
    LastAdmin,
    CannotDeleteAdmin,
    CodeNotFound,
    CodeExpired,
    CodeTriesExceeded,
    CodeMismatch,
    CodeTooSoon {
        retry_after_secs: i64,
    },
    RequireMembership,
    OrganizationRolesNotFound(Vec<String>),
    PasswordAndDigest,
    PasswordAlgorithmRequired,
    CannotModifyManagementApi,
    CannotDeleteManagementApi,
    ScopeNameWithSpace,
    MachineRoleForUser,
    UserRoleForApplication,
    InternalRole,
    ManagementScopesOnDefaultRole,
    InvalidSearch(String),
    InvitationInvalidToken,
    InvitationExpired,
    InvitationSignInRequired,
    /// An invitation change Logto refuses as invalid input (the reason in words).
    InvitationChange(&'static str),
    TooManyInvitationMails {
        retry_after_secs: u64,
    },
    PasswordRejected(serde_json::Value),
    InvalidCredentials,
    Suspended,
    Locked {
        until: i64,
    },
    TooManyAttempts {
        retry_after_secs: i64,
    },
}

impl DomainError {
    pub fn user_not_found() -> Self {
        DomainError::NotFound(Missing::User)
    }

    pub fn not_exists_with_id(kind: &'static str, id: &str) -> Self {
        DomainError::NotFound(Missing::Entity {
            kind,
            id: id.to_owned(),
        })
    }

    pub fn not_linked(sentence: &'static str) -> Self {
        DomainError::NotFound(Missing::Link(sentence))
    }

    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        DomainError::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

impl From<Rule> for DomainError {
    fn from(rule: Rule) -> Self {
        DomainError::Refused(rule)
    }
}

impl From<Conflict> for DomainError {
    fn from(conflict: Conflict) -> Self {
        DomainError::Conflict(conflict)
    }
}

impl From<StoreError> for DomainError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Unique(field) => Conflict::UserField(field).into(),
            StoreError::Duplicate => Conflict::Entity.into(),
            StoreError::ForeignKey => DomainError::MissingRelation(None),
            StoreError::InvalidSearch(why) => Rule::InvalidSearch(why).into(),
            other => DomainError::Internal(other.to_string()),
        }
    }
}

impl From<MailError> for DomainError {
    fn from(error: MailError) -> Self {
        DomainError::Internal(error.to_string())
    }
}
