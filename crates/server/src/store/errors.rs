use thiserror::Error;

pub type StoreResult<T> = Result<T, StoreError>;

/// A user field that must be unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UniqueField {
    Username,
    Email,
    Phone,
}

impl UniqueField {
    pub fn column(self) -> super::UserField {
        match self {
            UniqueField::Username => super::UserField::Username,
            UniqueField::Email => super::UserField::PrimaryEmail,
            UniqueField::Phone => super::UserField::PrimaryPhone,
        }
    }
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{0:?} already in use")]
    Unique(UniqueField),
    #[error("a referenced row does not exist")]
    ForeignKey,
    /// The search could not run as given (for example an invalid regular expression).
    #[error("invalid search: {0}")]
    InvalidSearch(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Maps a unique index name (the same on both backends) to the field it guards.
pub(super) fn unique_field_of(constraint_or_message: &str) -> Option<UniqueField> {
    if constraint_or_message.contains("username") {
        Some(UniqueField::Username)
    } else if constraint_or_message.contains("email") {
        Some(UniqueField::Email)
    } else if constraint_or_message.contains("phone") {
        Some(UniqueField::Phone)
    } else {
        None
    }
}

/// Turns constraint violations into the errors the API reports; the rest stay database errors.
pub(super) fn on_constraint(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &error {
        let detail = db.constraint().unwrap_or(db.message()).to_owned();
        if db.is_unique_violation()
            && let Some(field) = unique_field_of(&detail)
        {
            return StoreError::Unique(field);
        }
        if db.is_foreign_key_violation() {
            return StoreError::ForeignKey;
        }
    }
    StoreError::Database(error)
}
