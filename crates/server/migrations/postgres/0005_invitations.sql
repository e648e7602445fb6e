-- Organization invitations (Logto's RFC 0003), the organization roles they grant, and
-- the single-use acceptance token of the mailed link.

CREATE TABLE organization_invitations (
    id TEXT PRIMARY KEY,
    inviter_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    invitee TEXT NOT NULL,
    accepted_user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- `Expired` is also reported at read time for a `Pending` row past `expires_at`.
    status TEXT NOT NULL CHECK (status IN ('Pending', 'Accepted', 'Expired', 'Revoked')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    -- SHA-256 of the current acceptance token; NULL when none was mailed or it was used.
    token_hash TEXT
);
CREATE INDEX organization_invitations_organization ON organization_invitations (organization_id, created_at DESC);
CREATE INDEX organization_invitations_invitee ON organization_invitations (lower(invitee));
CREATE INDEX organization_invitations_inviter ON organization_invitations (inviter_id);
-- One pending invitation per invitee and organization, as in Logto.
CREATE UNIQUE INDEX organization_invitations_pending
    ON organization_invitations (organization_id, lower(invitee)) WHERE status = 'Pending';

CREATE TABLE organization_invitation_roles (
    invitation_id TEXT NOT NULL REFERENCES organization_invitations (id) ON DELETE CASCADE,
    organization_role_id TEXT NOT NULL REFERENCES organization_roles (id) ON DELETE CASCADE,
    PRIMARY KEY (invitation_id, organization_role_id)
);
CREATE INDEX organization_invitation_roles_role ON organization_invitation_roles (organization_role_id);
