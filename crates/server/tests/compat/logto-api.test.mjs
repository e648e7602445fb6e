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
import { userInfoGuard } from '@logto/schemas';
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
