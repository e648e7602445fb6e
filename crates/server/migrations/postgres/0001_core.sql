-- Users, global roles, API resources and M2M applications, signing keys.
-- Timestamps are epoch milliseconds; JSON columns hold serialized objects.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT,
    primary_email TEXT,
    primary_phone TEXT,
    name TEXT,
    avatar TEXT,
    password_encrypted TEXT,
    password_encryption_method TEXT,
    custom_data TEXT NOT NULL DEFAULT '{}',
    identities TEXT NOT NULL DEFAULT '{}',
    profile TEXT NOT NULL DEFAULT '{}',
    application_id TEXT,
    is_suspended BOOLEAN NOT NULL DEFAULT FALSE,
    last_sign_in_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE UNIQUE INDEX users_primary_email ON users (lower(primary_email));
CREATE UNIQUE INDEX users_primary_phone ON users (primary_phone);
CREATE INDEX users_created_at ON users (created_at DESC, id);

-- Trigram indexes serve LIKE, ILIKE, ~ and ~* searches on each searchable field.
CREATE INDEX users_id_trgm ON users USING gin (id gin_trgm_ops);
CREATE INDEX users_username_trgm ON users USING gin (username gin_trgm_ops);
CREATE INDEX users_primary_email_trgm ON users USING gin (primary_email gin_trgm_ops);
CREATE INDEX users_primary_phone_trgm ON users USING gin (primary_phone gin_trgm_ops);
CREATE INDEX users_name_trgm ON users USING gin (name gin_trgm_ops);

CREATE TABLE roles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('User', 'MachineToMachine')),
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE TABLE users_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX users_roles_role_id ON users_roles (role_id);

CREATE TABLE resources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    indicator TEXT NOT NULL UNIQUE,
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    access_token_ttl BIGINT NOT NULL DEFAULT 3600,
    created_at BIGINT NOT NULL
);

CREATE TABLE scopes (
    id TEXT PRIMARY KEY,
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (resource_id, name)
);

CREATE TABLE roles_scopes (
    role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    scope_id TEXT NOT NULL REFERENCES scopes (id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, scope_id)
);

CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    type TEXT NOT NULL,
    custom_data TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL
);

CREATE TABLE application_secrets (
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    PRIMARY KEY (application_id, name)
);

CREATE TABLE applications_roles (
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, role_id)
);

CREATE TABLE signing_keys (
    id TEXT PRIMARY KEY,
    private_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
