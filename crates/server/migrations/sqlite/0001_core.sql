-- Users, global roles, API resources and M2M applications, signing keys.
-- Timestamps are epoch milliseconds; JSON columns hold serialized objects.

CREATE TABLE users (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
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
    is_suspended INTEGER NOT NULL DEFAULT 0,
    last_sign_in_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE UNIQUE INDEX users_primary_email ON users (lower(primary_email));
CREATE UNIQUE INDEX users_primary_phone ON users (primary_phone);
CREATE INDEX users_created_at ON users (created_at DESC, id);

-- Trigram index for `like` searches; kept in step with `users` by the triggers below.
CREATE VIRTUAL TABLE users_search USING fts5 (
    id, username, primary_email, primary_phone, name,
    content = 'users', content_rowid = 'pk', tokenize = 'trigram'
);
CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_search (rowid, id, username, primary_email, primary_phone, name)
    VALUES (new.pk, new.id, new.username, new.primary_email, new.primary_phone, new.name);
END;
CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
    INSERT INTO users_search (users_search, rowid, id, username, primary_email, primary_phone, name)
    VALUES ('delete', old.pk, old.id, old.username, old.primary_email, old.primary_phone, old.name);
END;
CREATE TRIGGER users_search_update AFTER UPDATE ON users BEGIN
    INSERT INTO users_search (users_search, rowid, id, username, primary_email, primary_phone, name)
    VALUES ('delete', old.pk, old.id, old.username, old.primary_email, old.primary_phone, old.name);
    INSERT INTO users_search (rowid, id, username, primary_email, primary_phone, name)
    VALUES (new.pk, new.id, new.username, new.primary_email, new.primary_phone, new.name);
END;

CREATE TABLE roles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('User', 'MachineToMachine')),
    is_default INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
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
    is_default INTEGER NOT NULL DEFAULT 0,
    access_token_ttl INTEGER NOT NULL DEFAULT 3600,
    created_at INTEGER NOT NULL
);

CREATE TABLE scopes (
    id TEXT PRIMARY KEY,
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
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
    created_at INTEGER NOT NULL
);

CREATE TABLE application_secrets (
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
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
    created_at INTEGER NOT NULL
);
