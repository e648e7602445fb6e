//! Typed ids for the store methods that take two or more ids, so that passing them in
//! the wrong order is a compile error rather than a silent wrong row.
//!
//! Each is a borrowed view over the string the caller already holds: `UserId(&id)` for
//! one id, `UserIds(&ids)` for a list. Only the methods where ids of different kinds
//! meet in one signature take them; everything else still takes `&str`.

/// Declares `Name<'a>(pub &'a str)` for one id, or `Name<'a>(pub &'a [String])` for a list.
macro_rules! typed_ids {
    ($($(#[$doc:meta])* $name:ident($ty:ty);)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name<'a>(pub &'a $ty);
    )*};
}

typed_ids! {
    /// A user's id.
    UserId(str);
    /// Users' ids.
    UserIds([String]);
    /// A (global) role's id.
    RoleId(str);
    /// (Global) roles' ids.
    RoleIds([String]);
    /// An application's id.
    ApplicationId(str);
    /// Applications' ids.
    ApplicationIds([String]);
    /// An API resource scope's id.
    ScopeId(str);
    /// API resource scopes' ids.
    ScopeIds([String]);
    /// An organization's id.
    OrganizationId(str);
    /// An organization role's id.
    OrganizationRoleId(str);
    /// Organization roles' ids.
    OrganizationRoleIds([String]);
    /// Organization scopes' ids.
    OrganizationScopeIds([String]);
}
