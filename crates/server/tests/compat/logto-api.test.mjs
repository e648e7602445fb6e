// Logto compatibility: drives a running tenantry-server with Logto's own
// Management API client (@logto/api) and checks every response body with
// Logto's own zod guards (@logto/schemas).
//
// Run by `cargo xtask test`, which starts a server on a temp SQLite data dir:
//   TENANTRY_URL=http://127.0.0.1:PORT \
//   TENANTRY_EDGE_CLIENT_ID=... TENANTRY_EDGE_CLIENT_SECRET=... \
//   node --test crates/server/tests/compat/
//
// @logto/api targets Logto Cloud by default (https://<tenant>.logto.app); for
// OSS deployments its createManagementApi takes `baseUrl` and `apiIndicator`,
// which is how it is pointed at Tenantry here. It sends the client id and
// secret in the token request's form body, not in HTTP Basic.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createManagementApi } from '@logto/api/management';
import {
  OrganizationRoles,
  OrganizationScopes,
  Organizations,
  organizationWithOrganizationRolesGuard,
  userInfoGuard,
  userWithOrganizationRolesGuard,
} from '@logto/schemas';
import { z } from 'zod';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `set ${name} (cargo xtask test does)`);
  return value;
};

const baseUrl = env('TENANTRY_URL').replace(/\/+$/, '');
const clientId = env('TENANTRY_EDGE_CLIENT_ID');
const clientSecret = env('TENANTRY_EDGE_CLIENT_SECRET');
const apiIndicator = process.env.TENANTRY_API_INDICATOR ?? 'https://default.logto.app/api';

const { apiClient, clientCredentials } = createManagementApi('default', {
  clientId,
  clientSecret,
  baseUrl,
  apiIndicator,
});

// What GET/POST/PATCH /api/users/:id answer in Logto: the user info fields
// plus `hasPassword`. Not strict: Tenantry adds fields (isLocked).
const userGuard = userInfoGuard.extend({ hasPassword: z.boolean() });
const userListGuard = userInfoGuard.array();
const errorGuard = z.object({ code: z.string(), message: z.string() });

// Organizations as Logto OSS answers them, less `tenantId` (Tenantry has one
// tenant) and `isTrustedDeviceAllowed` (not in Tenantry's schema).
const notStored = { tenantId: true, isTrustedDeviceAllowed: true };
const organizationGuard = Organizations.guard.omit(notStored);
const organizationListGuard = organizationGuard
  .extend({
    usersCount: z.number().optional(),
    featuredUsers: z
      .object({ id: z.string(), avatar: z.string().nullable(), name: z.string().nullable() })
      .array()
      .optional(),
  })
  .array();
const memberListGuard = userWithOrganizationRolesGuard.array();
const userOrganizationsGuard = organizationWithOrganizationRolesGuard.omit(notStored).array();
const memberRolesGuard = OrganizationRoles.guard.omit({ tenantId: true }).array();
const memberScopesGuard = OrganizationScopes.guard.omit({ tenantId: true }).array();

const idPattern = /^[0-9a-z]{12}$/;
// Unique per run, so the test also passes against a server with data in it.
const runTag = `compat${Date.now().toString(36)}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const decodeJwtPart = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** Parses with a zod guard, failing the test with zod's explanation. */
const check = (guard, value, what) => {
  const result = guard.safeParse(value);
  assert.ok(
    result.success,
    `${what} does not match Logto's schema: ${result.error?.message}\n${JSON.stringify(value)}`
  );
  return result.data;
};

const createUser = async (body) => {
  const { data, error, response } = await apiClient.POST('/api/users', { body });
  assert.equal(response.status, 200, `POST /api/users: ${JSON.stringify(error)}`);
  return check(userGuard, data, 'POST /api/users');
};

test('client credentials give a Management API token with scope all', async () => {
  const token = await clientCredentials.getAccessToken();
  assert.equal(token.scope, 'all');
  assert.ok(token.expiresAt > Date.now() / 1000, 'token already expired');

  const [header, payload] = token.value.split('.').map((part, i) => (i < 2 ? decodeJwtPart(part) : part));
  assert.equal(header.typ, 'at+jwt');
  assert.equal(header.alg, 'ES384');
  assert.ok(header.kid, 'JWT header has a kid');
  assert.equal(payload.client_id, clientId);
  assert.equal(payload.sub, clientId);
  assert.equal(payload.aud, apiIndicator);
  assert.equal(payload.scope, 'all');
  assert.equal(payload.iss, `${baseUrl}/oidc`);
  assert.ok(payload.jti, 'token has a jti');
  assert.ok(payload.exp > payload.iat);
});

test('a call without a token is refused as in Logto', async () => {
  const response = await fetch(`${baseUrl}/api/users`);
  assert.equal(response.status, 401);
  const body = check(errorGuard, await response.json(), 'error body');
  assert.equal(body.code, 'auth.authorization_header_missing');
});

test('users are listed with pagination, totals and links', async () => {
  const created = [];
  for (const n of [1, 2, 3]) {
    created.push(await createUser({ username: `${runTag}_list${n}`, name: `List ${n}` }));
    await sleep(5); // distinct createdAt, so the order is well defined
  }

  // The whole list: Total-Number counts every user, pages hold page_size.
  const all = await apiClient.GET('/api/users', { params: { query: { page: 1, page_size: 2 } } });
  assert.equal(all.response.status, 200);
  const firstPage = check(userListGuard, all.data, 'GET /api/users');
  assert.equal(firstPage.length, 2);
  const total = Number(all.response.headers.get('total-number'));
  assert.ok(total >= 4, `Total-Number ${total} counts the admin and the 3 new users`);
  const link = all.response.headers.get('link') ?? '';
  assert.match(link, /rel="first"/);
  assert.match(link, /rel="last"/);
  assert.match(link, /rel="next"/);
  assert.doesNotMatch(link, /rel="prev"/);
  assert.match(link, /<[^>]*\/api\/users\?[^>]*page=2[^>]*>; rel="next"/);

  // Only this run's users, walked page by page: newest first.
  const query = { 'search.username': `${runTag}_list%`, page_size: 2 };
  const page1 = await apiClient.GET('/api/users', { params: { query: { ...query, page: 1 } } });
  const page2 = await apiClient.GET('/api/users', { params: { query: { ...query, page: 2 } } });
  assert.equal(page1.response.headers.get('total-number'), '3');
  assert.equal(page2.response.headers.get('total-number'), '3');
  assert.match(page2.response.headers.get('link') ?? '', /rel="prev"/);
  const walked = [
    ...check(userListGuard, page1.data, 'GET /api/users page 1'),
    ...check(userListGuard, page2.data, 'GET /api/users page 2'),
  ];
  assert.deepEqual(
    walked.map((user) => user.id),
    created.map((user) => user.id).reverse()
  );

  for (const user of created) {
    const { response } = await apiClient.DELETE('/api/users/{userId}', {
      params: { path: { userId: user.id } },
    });
    assert.equal(response.status, 204);
  }
});

test('a user is created, read, updated and deleted', async () => {
  const username = `${runTag}_crud`;
  const user = await createUser({
    username,
    password: 'Compat-passw0rd!',
    primaryEmail: `${runTag}@example.com`,
    name: 'Compat User',
    customData: { plan: 'free', seats: 3 },
  });
  assert.match(user.id, idPattern);
  assert.equal(user.username, username);
  assert.equal(user.primaryEmail, `${runTag}@example.com`);
  assert.equal(user.name, 'Compat User');
  assert.deepEqual(user.customData, { plan: 'free', seats: 3 });
  assert.equal(user.hasPassword, true);
  assert.equal(user.isSuspended, false);
  assert.equal(user.lastSignInAt, null);
  assert.ok(!('password' in user) && !('passwordEncrypted' in user), 'no password in the body');
  const path = { params: { path: { userId: user.id } } };

  const got = await apiClient.GET('/api/users/{userId}', path);
  assert.equal(got.response.status, 200);
  assert.deepEqual(check(userGuard, got.data, 'GET /api/users/:id'), user);

  const duplicate = await apiClient.POST('/api/users', { body: { username } });
  assert.equal(duplicate.response.status, 422);
  assert.equal(check(errorGuard, duplicate.error, 'error body').code, 'user.username_already_in_use');

  await sleep(5);
  const patched = await apiClient.PATCH('/api/users/{userId}', {
    ...path,
    body: { name: 'Renamed', customData: { plan: 'pro' } },
  });
  assert.equal(patched.response.status, 200);
  const updated = check(userGuard, patched.data, 'PATCH /api/users/:id');
  assert.equal(updated.name, 'Renamed');
  assert.equal(updated.username, username, 'fields not sent are kept');
  assert.deepEqual(updated.customData, { plan: 'pro' }, 'customData is replaced, not merged');
  assert.ok(updated.updatedAt > user.updatedAt, 'updatedAt moves forward');
  assert.equal(updated.createdAt, user.createdAt);

  const deleted = await apiClient.DELETE('/api/users/{userId}', path);
  assert.equal(deleted.response.status, 204);

  const gone = await apiClient.GET('/api/users/{userId}', path);
  assert.equal(gone.response.status, 404);
  assert.equal(check(errorGuard, gone.error, 'error body').code, 'entity.not_found');
});

test('an organization is created, listed, read, updated and deleted', async () => {
  const created = await apiClient.POST('/api/organizations', {
    body: { name: `${runTag} Org`, description: 'Compat', customData: { tier: 1 } },
  });
  assert.equal(created.response.status, 201, JSON.stringify(created.error));
  const org = check(organizationGuard, created.data, 'POST /api/organizations');
  assert.match(org.id, idPattern);
  assert.equal(org.name, `${runTag} Org`);
  assert.equal(org.description, 'Compat');
  assert.deepEqual(org.customData, { tier: 1 });
  assert.equal(org.isMfaRequired, false);
  assert.equal(org.customCss, null);
  const path = { params: { path: { id: org.id } } };

  const got = await apiClient.GET('/api/organizations/{id}', path);
  assert.equal(got.response.status, 200);
  assert.deepEqual(check(organizationGuard, got.data, 'GET /api/organizations/:id'), org);

  const listed = await apiClient.GET('/api/organizations', {
    params: { query: { q: runTag, showFeatured: 'true', page: 1, page_size: 5 } },
  });
  assert.equal(listed.response.status, 200);
  assert.equal(listed.response.headers.get('total-number'), '1');
  const [row] = check(organizationListGuard, listed.data, 'GET /api/organizations');
  assert.equal(row.id, org.id);
  assert.equal(row.usersCount, 0);
  assert.deepEqual(row.featuredUsers, []);

  const patched = await apiClient.PATCH('/api/organizations/{id}', {
    ...path,
    body: { description: null, isMfaRequired: true, color: { primaryColor: '#00aaff' } },
  });
  assert.equal(patched.response.status, 200);
  const updated = check(organizationGuard, patched.data, 'PATCH /api/organizations/:id');
  assert.equal(updated.description, null);
  assert.equal(updated.isMfaRequired, true);
  assert.deepEqual(updated.color, { primaryColor: '#00aaff' });
  assert.equal(updated.name, org.name, 'fields not sent are kept');

  const deleted = await apiClient.DELETE('/api/organizations/{id}', path);
  assert.equal(deleted.response.status, 204);
  const gone = await apiClient.GET('/api/organizations/{id}', path);
  assert.equal(gone.response.status, 404);
  assert.equal(check(errorGuard, gone.error, 'error body').code, 'entity.not_exists_with_id');
});

test('members are added with roles, listed, scoped and removed', async () => {
  const { data: orgData } = await apiClient.POST('/api/organizations', {
    body: { name: `${runTag} Members` },
  });
  const org = check(organizationGuard, orgData, 'POST /api/organizations');
  const id = org.id;
  const ann = await createUser({ username: `${runTag}_ann`, name: 'Ann' });
  const bob = await createUser({ username: `${runTag}_bob` });

  // The console's "add member" flow: pick non-members, add them, give roles.
  const candidates = await apiClient.GET('/api/users', {
    params: { query: { excludeOrganizationId: id, 'search.username': `${runTag}_%` } },
  });
  assert.equal(candidates.response.status, 200);
  const candidateIds = check(userListGuard, candidates.data, 'GET /api/users').map((u) => u.id);
  assert.deepEqual(candidateIds.sort(), [ann.id, bob.id].sort());

  const added = await apiClient.POST('/api/organizations/{id}/users', {
    params: { path: { id } },
    body: { userIds: [ann.id, bob.id] },
  });
  assert.equal(added.response.status, 201);
  const noneLeft = await apiClient.GET('/api/users', {
    params: { query: { excludeOrganizationId: id, 'search.username': `${runTag}_%` } },
  });
  assert.deepEqual(noneLeft.data, []);

  const { data: roles } = await apiClient.GET('/api/organizations/{id}/users/{userId}/roles', {
    params: { path: { id, userId: ann.id } },
  });
  assert.deepEqual(check(memberRolesGuard, roles, 'GET member roles'), []);
  const assigned = await apiClient.POST('/api/organizations/{id}/users/roles', {
    params: { path: { id } },
    body: { userIds: [ann.id, bob.id], organizationRoleIds: ['orgrolemembr'] },
  });
  assert.equal(assigned.response.status, 201);
  const byName = await apiClient.POST('/api/organizations/{id}/users/{userId}/roles', {
    params: { path: { id, userId: ann.id } },
    body: { organizationRoleNames: ['admin'] },
  });
  assert.equal(byName.response.status, 201);

  const members = await apiClient.GET('/api/organizations/{id}/users', {
    params: { path: { id }, query: { page: 1, page_size: 10 } },
  });
  assert.equal(members.response.status, 200);
  assert.equal(members.response.headers.get('total-number'), '2');
  const list = check(memberListGuard, members.data, 'GET /api/organizations/:id/users');
  const annRow = list.find((m) => m.id === ann.id);
  assert.deepEqual(
    annRow.organizationRoles.map((r) => r.name),
    ['admin', 'member']
  );
  const admins = await apiClient.GET('/api/organizations/{id}/users', {
    params: { path: { id }, query: { organizationRoleId: 'orgroleadmin' } },
  });
  assert.deepEqual(
    check(memberListGuard, admins.data, 'members by role').map((m) => m.id),
    [ann.id]
  );

  const scopes = await apiClient.GET('/api/organizations/{id}/users/{userId}/scopes', {
    params: { path: { id, userId: ann.id } },
  });
  assert.equal(scopes.response.status, 200);
  assert.deepEqual(
    check(memberScopesGuard, scopes.data, 'GET member scopes').map((s) => s.name),
    ['invite:members', 'manage:members', 'read:members']
  );

  const replaced = await apiClient.PUT('/api/organizations/{id}/users/{userId}/roles', {
    params: { path: { id, userId: ann.id } },
    body: { organizationRoleIds: ['orgrolemembr'] },
  });
  assert.equal(replaced.response.status, 204);
  const removedRole = await apiClient.DELETE(
    '/api/organizations/{id}/users/{userId}/roles/{organizationRoleId}',
    { params: { path: { id, userId: ann.id, organizationRoleId: 'orgrolemembr' } } }
  );
  assert.equal(removedRole.response.status, 204);

  const mine = await apiClient.GET('/api/users/{userId}/organizations', {
    params: { path: { userId: bob.id } },
  });
  assert.equal(mine.response.status, 200);
  const [membership] = check(userOrganizationsGuard, mine.data, 'GET /api/users/:id/organizations');
  assert.equal(membership.id, id);
  assert.deepEqual(membership.organizationRoles, [{ id: 'orgrolemembr', name: 'member' }]);

  const removed = await apiClient.DELETE('/api/organizations/{id}/users/{userId}', {
    params: { path: { id, userId: bob.id } },
  });
  assert.equal(removed.response.status, 204);
  const outsider = await apiClient.GET('/api/organizations/{id}/users/{userId}/roles', {
    params: { path: { id, userId: bob.id } },
  });
  assert.equal(outsider.response.status, 422);
  assert.equal(
    check(errorGuard, outsider.error, 'error body').code,
    'organization.require_membership'
  );

  await apiClient.DELETE('/api/organizations/{id}', { params: { path: { id } } });
  for (const user of [ann, bob]) {
    await apiClient.DELETE('/api/users/{userId}', { params: { path: { userId: user.id } } });
  }
});
