//! A user search as the store receives it.

/// A searchable user column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserField {
    Id,
    PrimaryEmail,
    PrimaryPhone,
    Username,
    Name,
}

impl UserField {
    pub const ALL: [UserField; 5] = [
        UserField::Id,
        UserField::PrimaryEmail,
        UserField::PrimaryPhone,
        UserField::Username,
        UserField::Name,
    ];

    pub fn column(self) -> &'static str {
        match self {
            UserField::Id => "id",
            UserField::PrimaryEmail => "primary_email",
            UserField::PrimaryPhone => "primary_phone",
            UserField::Username => "username",
            UserField::Name => "name",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchMode {
    Like,
    Exact,
    SimilarTo,
    Posix,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Joint {
    #[default]
    Or,
    And,
}

/// One `search` or `search.<field>` parameter: its values match when any of them does.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchMatch {
    /// `None` searches every field.
    pub field: Option<UserField>,
    pub mode: MatchMode,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserQuery {
    pub matches: Vec<SearchMatch>,
    pub joint: Joint,
    pub case_sensitive: bool,
    pub exclude_role_id: Option<String>,
    /// Users who are not members of this organization.
    pub exclude_organization_id: Option<String>,
    /// `isLocked=true|false`: locked at `now`.
    pub is_locked: Option<bool>,
    /// `isSuspended=true|false`.
    pub is_suspended: Option<bool>,
    /// The time `is_locked` is judged at, epoch ms.
    pub now: i64,
}
