-- Organizations, their members, organization roles and scopes.
-- Seeds the `admin` and `member` organization roles every install starts with.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    custom_data TEXT NOT NULL DEFAULT '{}',
    is_mfa_required BOOLEAN NOT NULL DEFAULT FALSE,
    color TEXT NOT NULL DEFAULT '{}',
    branding TEXT NOT NULL DEFAULT '{}',
    custom_css TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX organizations_created_at ON organizations (created_at DESC, id);

CREATE TABLE organization_scopes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE organization_roles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    type TEXT NOT NULL DEFAULT 'User' CHECK (type IN ('User', 'MachineToMachine')),
    created_at BIGINT NOT NULL
);

CREATE TABLE organization_role_scopes (
    organization_role_id TEXT NOT NULL REFERENCES organization_roles (id) ON DELETE CASCADE,
    organization_scope_id TEXT NOT NULL REFERENCES organization_scopes (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_role_id, organization_scope_id)
);

-- Scopes of API resources that an organization role grants.
CREATE TABLE organization_role_resource_scopes (
    organization_role_id TEXT NOT NULL REFERENCES organization_roles (id) ON DELETE CASCADE,
    scope_id TEXT NOT NULL REFERENCES scopes (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_role_id, scope_id)
);

CREATE TABLE organization_users (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_users_user_id ON organization_users (user_id);

-- A member's organization roles; the membership row must exist first.
CREATE TABLE organization_user_roles (
    organization_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    organization_role_id TEXT NOT NULL REFERENCES organization_roles (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, user_id, organization_role_id),
    FOREIGN KEY (organization_id, user_id)
        REFERENCES organization_users (organization_id, user_id) ON DELETE CASCADE
);
CREATE INDEX organization_user_roles_role ON organization_user_roles (organization_role_id);

INSERT INTO organization_scopes (id, name, description, created_at) VALUES
    ('orgscopemanm', 'manage:members', 'Add, remove and change the roles of members.', 0),
    ('orgscopeinvm', 'invite:members', 'Invite new members by email.', 0),
    ('orgscoperead', 'read:members', 'See the members and their roles.', 0);
INSERT INTO organization_roles (id, name, description, type, created_at) VALUES
    ('orgroleadmin', 'admin', 'Manages the organization''s members.', 'User', 0),
    ('orgrolemembr', 'member', 'A member of the organization.', 'User', 0);
INSERT INTO organization_role_scopes (organization_role_id, organization_scope_id) VALUES
    ('orgroleadmin', 'orgscopemanm'),
    ('orgroleadmin', 'orgscopeinvm'),
    ('orgroleadmin', 'orgscoperead');

-- Trigram indexes serve the `q` searches over organizations.
CREATE INDEX organizations_id_trgm ON organizations USING gin (id gin_trgm_ops);
CREATE INDEX organizations_name_trgm ON organizations USING gin (name gin_trgm_ops);
