-- Edge sessions record the user's epoch at sign-in; the server refuses a session whose
-- epoch is no longer current. Sign-out, password changes and resets, suspension, role
-- removal and "sign out everywhere" add one.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;
