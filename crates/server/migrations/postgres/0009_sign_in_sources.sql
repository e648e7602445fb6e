-- Failed password checks per (account, source address), so failures from one address
-- throttle that address only (the account-wide ceiling stays in user_lockouts).
-- known_good: this address once signed in with the right password.
CREATE TABLE user_sign_in_sources (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    failed_attempts BIGINT NOT NULL DEFAULT 0,
    window_started_at BIGINT NOT NULL DEFAULT 0,
    blocked_until BIGINT,
    known_good BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (user_id, source)
);
