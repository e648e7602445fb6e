use serde::{Deserialize, Serialize};

/// Who a role can be given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RoleType {
    User,
    MachineToMachine,
}

/// A global role, as Logto's `Roles` schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Role {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(rename = "type")]
    pub role_type: RoleType,
    pub is_default: bool,
}
