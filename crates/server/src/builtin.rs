//! The names and ids of what the first start creates (see `bootstrap.rs`) and every
//! API object refers to. A leaf: it imports nothing from the crate, so the domain and
//! the store can use these without depending on the bootstrap code.

/// The name of the role that makes a user a tenant admin.
pub const TENANT_ADMIN_ROLE: &str = "tenant-admin";
/// The name of the machine-to-machine role the edge's application holds.
pub const EDGE_ROLE: &str = "edge";
/// The id of the Management API resource.
pub const MANAGEMENT_API_ID: &str = "management-api";
/// The Management API's one scope, which every Management API call requires.
pub const ALL_SCOPE: &str = "all";
/// That scope's id, fixed as in Logto (`@logto/schemas` names it).
pub const ALL_SCOPE_ID: &str = "management-api-all";
/// What every API object carries as `tenantId`: Logto OSS's one tenant.
pub const TENANT_ID: &str = "default";
