-- Application secrets are kept as SHA-256 hashes (hex) with a short prefix to tell them
-- apart. Rows written before this migration still hold the plain value; the server
-- hashes them at start-up and blanks `value` (see store/applications.rs).
ALTER TABLE application_secrets ADD COLUMN value_hash TEXT;
ALTER TABLE application_secrets ADD COLUMN value_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE application_secrets ADD COLUMN last_used_at INTEGER;

CREATE INDEX applications_roles_role_id ON applications_roles (role_id);
CREATE INDEX roles_scopes_scope_id ON roles_scopes (scope_id);
CREATE INDEX applications_created_at ON applications (created_at DESC, id);
