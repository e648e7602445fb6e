//! Serializable request and response types of the Tenantry (Logto-compatible) Management API.
//!
//! Plain data only: no I/O. The `openapi` feature adds schema derives for the server's
//! OpenAPI document; the portal and the edge leave it off.

mod application;
mod edge;
mod email_verification;
mod error;
mod invitation;
mod log;
mod oauth;
mod organization;
mod organization_role;
mod patch;
mod recovery;
mod resource;
mod role;
mod user;

pub use application::{
    Application, ApplicationSecret, CreateApplication, CreateApplicationSecret,
    CreatedApplicationSecret, RenameApplicationSecret, UpdateApplication,
};
pub use edge::{
    AdministeredOrganization, EmbedToken, EmbedTokenRequest, PasswordChangeRequest, SESSION_HEADER,
    SESSION_REVOKED, SessionEpoch, SessionInfo, SignInRequest,
};
pub use email_verification::{EmailVerificationConfirm, EmailVerificationRequest};
pub use error::ErrorBody;
pub use invitation::{
    AcceptInvitation, AcceptedInvitation, CreateInvitation, InvitationStatus, InvitationStatusBody,
    OrganizationInvitation,
};
pub use log::Log;
pub use oauth::{OAuthError, TokenResponse};
pub use organization::{
    CreateOrganization, FeaturedUser, MemberRole, MemberRolesBody, MemberScope, MembersRolesBody,
    Organization, OrganizationMember, UpdateOrganization, UserIdsBody, UserOrganization,
};
pub use organization_role::{
    CreateOrganizationRole, CreateOrganizationScope, NamedRef, OrganizationRole,
    OrganizationRoleWithScopes, OrganizationScope, OrganizationScopeIdsBody, ResourceScope,
    ResourceScopeIdsBody, ResourceScopeRef, UpdateOrganizationRole, UpdateOrganizationScope,
};
pub use patch::Patch;
pub use recovery::{PasswordResetRequest, RecoverPasswordRequest, StatusResponse};
pub use resource::{
    CreateResource, IsDefaultBody, Resource, Scope, ScopeBody, ScopeWithResource, UpdateResource,
};
pub use role::{
    ApplicationIdsBody, CreateRole, FeaturedApplication, Role, RoleType, RoleWithCounts,
    ScopeIdsBody, UpdateRole,
};
pub use user::{
    AddRolesResponse, CreateUser, CustomDataBody, HasPassword, PasswordBody, ProfileBody,
    RoleIdsBody, SuspendBody, UpdateUser, User,
};
