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
    /// Another unique constraint (a name, a pending invitation, …).
    #[error("a unique value is taken")]
    Duplicate,
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

/// The user field a unique index guards, by the index's exact name: PostgreSQL names
/// the constraint; SQLite names the column (`users.username`) or, for an index on an
/// expression, the index (`index 'users_primary_email'`) in its message.
fn unique_field_of(db: &dyn sqlx::error::DatabaseError) -> Option<UniqueField> {
    let target = match db.constraint() {
        Some(name) => name,
        None => db
            .message()
            .strip_prefix("UNIQUE constraint failed: ")
            .unwrap_or_default(),
    };
    match target {
        "users_username" | "users.username" | "index 'users_username'" => {
            Some(UniqueField::Username)
        }
        "users_primary_email" | "users.primary_email" | "index 'users_primary_email'" => {
            Some(UniqueField::Email)
        }
        "users_primary_phone" | "users.primary_phone" | "index 'users_primary_phone'" => {
            Some(UniqueField::Phone)
        }
        _ => None,
    }
}

/// Turns constraint violations into the errors the API reports; the rest stay database errors.
pub(super) fn on_constraint(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &error {
        if db.is_unique_violation() {
            return unique_field_of(db.as_ref()).map_or(StoreError::Duplicate, StoreError::Unique);
        }
        if db.is_foreign_key_violation() {
            return StoreError::ForeignKey;
        }
    }
    StoreError::Database(error)
}
