-- Failed password checks against logins that name no account, counted exactly as for
-- real accounts (user_lockouts, user_sign_in_sources), so neither the answers nor the
-- work done tell an unknown login from a known one. subject: what the edge checked
-- instead of a user id. Rows older than the window are purged on each failure.
CREATE TABLE unknown_sign_in_subjects (
    subject TEXT PRIMARY KEY,
    failed_attempts INTEGER NOT NULL,
    window_started_at INTEGER NOT NULL,
    locked_until INTEGER
);
CREATE INDEX unknown_sign_in_subjects_window ON unknown_sign_in_subjects (window_started_at);

CREATE TABLE unknown_sign_in_sources (
    subject TEXT NOT NULL,
    source TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    window_started_at INTEGER NOT NULL DEFAULT 0,
    blocked_until INTEGER,
    known_good INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subject, source)
);
CREATE INDEX unknown_sign_in_sources_window ON unknown_sign_in_sources (window_started_at);
