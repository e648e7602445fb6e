-- Audit log, lockout state and password reset tokens.

-- `seq` orders rows written in the same millisecond.
CREATE TABLE logs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL,
    payload TEXT NOT NULL,
    user_id TEXT,
    application_id TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX logs_created_at ON logs (created_at DESC, seq DESC);
CREATE INDEX logs_user_id ON logs (user_id, created_at DESC);
CREATE INDEX logs_application_id ON logs (application_id, created_at DESC);
CREATE INDEX logs_key ON logs (key, created_at DESC);

-- Failed password checks in the current window, and the lock they caused.
CREATE TABLE user_lockouts (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    failed_attempts INTEGER NOT NULL,
    window_started_at INTEGER NOT NULL,
    locked_until INTEGER
);

-- Only the SHA-256 of a reset token is kept; the token itself is mailed once.
CREATE TABLE password_reset_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX password_reset_tokens_user_id ON password_reset_tokens (user_id);
