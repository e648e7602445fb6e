// Logto compatibility for roles, API resources and machine-to-machine applications:
// Logto's own client (@logto/api) drives the routes and Logto's zod guards
// (@logto/schemas) check every body. Run like logto-api.test.mjs (cargo xtask test).
//
// Applications: Logto's Management API answers `applicationResponseGuard`
// (Applications.guard with the legacy `secret` optional); Tenantry shows a secret's
// value only in the answer that creates it: the default secret's in the answer that
// creates the application (LOGTO-COMPAT.md).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createManagementApi } from '@logto/api/management';
import {
  ApplicationSecrets,
  Resources,
  Roles,
  Scopes,
  applicationResponseGuard,
  featuredApplicationGuard,
  featuredUserGuard,
  scopeResponseGuard,
} from '@logto/schemas';
import { z } from 'zod';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `set ${name} (cargo xtask test does)`);
  return value;
};

const baseUrl = env('TENANTRY_URL').replace(/\/+$/, '');
const { apiClient } = createManagementApi('default', {
  clientId: env('TENANTRY_EDGE_CLIENT_ID'),
  clientSecret: env('TENANTRY_EDGE_CLIENT_SECRET'),
  baseUrl,
  apiIndicator: process.env.TENANTRY_API_INDICATOR ?? 'https://default.logto.app/api',
});

const runTag = `compat${Date.now().toString(36)}`;
const errorGuard = z.object({ code: z.string(), message: z.string() });
const roleListItemGuard = Roles.guard.extend({
  usersCount: z.number(),
  featuredUsers: featuredUserGuard.array(),
  applicationsCount: z.number(),
  featuredApplications: featuredApplicationGuard.array(),
});
const resourceGuard = Resources.guard.extend({ scopes: Scopes.guard.array().optional() });
const listedSecretGuard = ApplicationSecrets.guard.omit({ value: true });

const check = (guard, value, what) => {
  const result = guard.safeParse(value);
  assert.ok(
    result.success,
    `${what} does not match Logto's schema: ${result.error?.message}\n${JSON.stringify(value)}`
  );
  return result.data;
};

const expectStatus = (answer, status, what) =>
  assert.equal(answer.response.status, status, `${what}: ${JSON.stringify(answer.error)}`);

test('roles are created, listed with their holders, and given to users', async () => {
  const created = await apiClient.POST('/api/roles', {
    body: { name: `${runTag}-editors`, description: 'Edit things' },
  });
  expectStatus(created, 200, 'POST /api/roles');
  const role = check(Roles.guard, created.data, 'POST /api/roles');
  assert.equal(role.type, 'User');

  const duplicate = await apiClient.POST('/api/roles', {
    body: { name: `${runTag}-editors`, description: 'Again' },
  });
  assert.equal(duplicate.response.status, 422);
  assert.equal(check(errorGuard, duplicate.error, 'error').code, 'role.name_in_use');

  const user = await apiClient.POST('/api/users', { body: { username: `${runTag}_editor` } });
  expectStatus(user, 200, 'POST /api/users');
  const path = { params: { path: { id: role.id } } };
  const added = await apiClient.POST('/api/roles/{id}/users', { ...path, body: { userIds: [user.data.id] } });
  expectStatus(added, 201, 'POST /api/roles/:id/users');

  const listed = await apiClient.GET('/api/roles', {
    params: { query: { page: 1, page_size: 20, search: `%${runTag}%` } },
  });
  expectStatus(listed, 200, 'GET /api/roles');
  assert.equal(listed.response.headers.get('total-number'), '1');
  const [item] = check(roleListItemGuard.array(), listed.data, 'GET /api/roles');
  assert.equal(item.usersCount, 1);
  assert.equal(item.featuredUsers[0].id, user.data.id);

  const holders = await apiClient.GET('/api/roles/{id}/users', path);
  expectStatus(holders, 200, 'GET /api/roles/:id/users');
  assert.deepEqual(holders.data.map((u) => u.id), [user.data.id]);

  const patched = await apiClient.PATCH('/api/roles/{id}', { ...path, body: { description: 'Edit more' } });
  check(Roles.guard, patched.data, 'PATCH /api/roles/:id');
  expectStatus(await apiClient.DELETE('/api/roles/{id}', path), 204, 'DELETE /api/roles/:id');
  await apiClient.DELETE('/api/users/{userId}', { params: { path: { userId: user.data.id } } });
});

test('resources and scopes match Logto, and roles grant the scopes', async () => {
  const created = await apiClient.POST('/api/resources', {
    body: { name: `${runTag} API`, indicator: `https://${runTag}.example/api`, accessTokenTtl: 600 },
  });
  expectStatus(created, 201, 'POST /api/resources');
  const resource = check(resourceGuard, created.data, 'POST /api/resources');
  const resourcePath = { params: { path: { resourceId: resource.id } } };
  const scope = await apiClient.POST('/api/resources/{resourceId}/scopes', {
    ...resourcePath,
    body: { name: 'read:things', description: 'Read things' },
  });
  expectStatus(scope, 201, 'POST /api/resources/:id/scopes');
  check(Scopes.guard, scope.data, 'POST /api/resources/:id/scopes');
  const spaced = await apiClient.POST('/api/resources/{resourceId}/scopes', {
    ...resourcePath,
    body: { name: 'read things' },
  });
  assert.equal(check(errorGuard, spaced.error, 'error').code, 'scope.name_with_space');

  const all = await apiClient.GET('/api/resources', { params: { query: { includeScopes: 'true' } } });
  expectStatus(all, 200, 'GET /api/resources');
  const resources = check(resourceGuard.array(), all.data, 'GET /api/resources');
  assert.ok(resources.some((r) => r.id === resource.id && r.scopes?.length === 1));

  const role = await apiClient.POST('/api/roles', {
    body: { name: `${runTag}-reader`, description: 'Reads', type: 'MachineToMachine', scopeIds: [scope.data.id] },
  });
  expectStatus(role, 200, 'POST /api/roles (M2M)');
  const scopes = await apiClient.GET('/api/roles/{id}/scopes', { params: { path: { id: role.data.id } } });
  check(scopeResponseGuard.array(), scopes.data, 'GET /api/roles/:id/scopes');

  const management = await apiClient.DELETE('/api/resources/{id}', { params: { path: { id: 'management-api' } } });
  assert.equal(management.response.status, 400);
  assert.equal(check(errorGuard, management.error, 'error').code, 'resource.cannot_delete_management_api');
  await apiClient.DELETE('/api/roles/{id}', { params: { path: { id: role.data.id } } });
  const deleted = await apiClient.DELETE('/api/resources/{id}', { params: { path: { id: resource.id } } });
  expectStatus(deleted, 204, 'DELETE /api/resources/:id');
});

test('machine-to-machine applications, their secrets and roles match Logto', async () => {
  const created = await apiClient.POST('/api/applications', {
    body: { name: `${runTag} worker`, type: 'MachineToMachine', description: 'Works' },
  });
  expectStatus(created, 200, 'POST /api/applications');
  const app = check(applicationResponseGuard, created.data, 'POST /api/applications');
  assert.match(app.secret, /^[0-9A-Za-z]{32}$/, 'the default secret, shown once');
  const path = { params: { path: { id: app.id } } };
  const got = await apiClient.GET('/api/applications/{id}', path);
  check(applicationResponseGuard, got.data, 'GET /api/applications/:id');
  assert.equal(got.data.secret, undefined, 'never shown again');
  const listed = await apiClient.GET('/api/applications', { params: { query: { types: ['MachineToMachine'] } } });
  check(applicationResponseGuard.array(), listed.data, 'GET /api/applications');

  const secret = await apiClient.POST('/api/applications/{id}/secrets', { ...path, body: { name: 'ci' } });
  expectStatus(secret, 201, 'POST /api/applications/:id/secrets');
  const shown = check(ApplicationSecrets.guard, secret.data, 'POST /api/applications/:id/secrets');
  assert.match(shown.value, /^[0-9A-Za-z]{32}$/);
  const secrets = await apiClient.GET('/api/applications/{id}/secrets', path);
  const listedSecrets = check(listedSecretGuard.array(), secrets.data, 'GET /api/applications/:id/secrets');
  assert.deepEqual(listedSecrets.map(({ name }) => name), ['Default secret', 'ci']);
  assert.ok(listedSecrets.every(({ value }) => value === undefined), 'values are shown once');

  const role = await apiClient.POST('/api/roles', {
    body: { name: `${runTag}-workers`, description: 'Workers', type: 'MachineToMachine' },
  });
  const roleIds = [role.data.id];
  const given = await apiClient.POST('/api/applications/{applicationId}/roles', {
    params: { path: { applicationId: app.id } },
    body: { roleIds },
  });
  expectStatus(given, 201, 'POST /api/applications/:id/roles');
  assert.deepEqual(given.data, { roleIds, addedRoleIds: roleIds });
  const roles = await apiClient.GET('/api/applications/{applicationId}/roles', {
    params: { path: { applicationId: app.id } },
  });
  check(Roles.guard.array(), roles.data, 'GET /api/applications/:id/roles');

  const token = await fetch(`${baseUrl}/oidc/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.id,
      client_secret: shown.value,
      resource: 'https://default.logto.app/api',
      scope: 'all',
    }),
  });
  assert.equal(token.status, 200);
  assert.equal((await token.json()).scope, undefined, 'its role grants no Management API scope');

  await apiClient.DELETE('/api/roles/{id}', { params: { path: { id: role.data.id } } });
  expectStatus(await apiClient.DELETE('/api/applications/{id}', path), 204, 'DELETE /api/applications/:id');
});
