-- Proving an email address: a pending code per user, and the addresses proven.

-- One pending change per user; only the SHA-256 of the mailed code is kept.
CREATE TABLE email_verifications (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- The address a user last proved to read (by a code, an invitation or a reset link).
-- The primary email counts as verified only while it equals this one.
CREATE TABLE verified_emails (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    verified_at BIGINT NOT NULL
);
