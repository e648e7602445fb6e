// What every browser test against a real edge needs: where the portal is, the
// admin's credentials, where screenshots go, and a tag for unique names.
// cargo xtask e2e sets the variables (see README.md).

import { fileURLToPath } from 'node:url';

export const portal = process.env.TENANTRY_PORTAL_URL?.replace(/\/$/, '');
export const admin = {
  username: process.env.TENANTRY_ADMIN_USERNAME ?? 'admin',
  password: process.env.TENANTRY_ADMIN_PASSWORD ?? '',
};
export const shots = fileURLToPath(new URL('../../../target/screenshots/', import.meta.url));
/** `{ skip }` for tests that need an edge. */
export const skip = portal ? false : 'TENANTRY_PORTAL_URL is not set: no edge to test against';

/** A name part unique to this run and file, so parallel files and reused databases never clash. */
export const uniqueTag = (prefix = 'pw') =>
  `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
