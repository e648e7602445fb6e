// Logto compatibility of organization roles and scopes: @logto/api drives a running
// tenantry-server and Logto's own zod guards (@logto/schemas) check every body.
// Run as the other compat tests are (see logto-api.test.mjs).
//
// Logto's rows also carry `tenantId`; Tenantry has one tenant and leaves it out, so the
// guards are used without that field.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createManagementApi } from '@logto/api/management';
import { OrganizationRoles, OrganizationScopes, organizationRoleWithScopesGuard } from '@logto/schemas';
import { z } from 'zod';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `set ${name} (cargo xtask test does)`);
  return value;
};

const { apiClient } = createManagementApi('default', {
  clientId: env('TENANTRY_EDGE_CLIENT_ID'),
  clientSecret: env('TENANTRY_EDGE_CLIENT_SECRET'),
  baseUrl: env('TENANTRY_URL').replace(/\/+$/, ''),
  apiIndicator: process.env.TENANTRY_API_INDICATOR ?? 'https://default.logto.app/api',
});

const noTenant = { tenantId: true };
const roleGuard = OrganizationRoles.guard.omit(noTenant);
const roleWithScopesGuard = organizationRoleWithScopesGuard.omit(noTenant);
const scopeGuard = OrganizationScopes.guard.omit(noTenant);
const errorGuard = z.object({ code: z.string(), message: z.string() });

// Unique per run, so the test also passes against a server with data in it.
const runTag = `compat${Date.now().toString(36)}`;

const check = (guard, value, what) => {
  const result = guard.safeParse(value);
  assert.ok(
    result.success,
    `${what} does not match Logto's schema: ${result.error?.message}\n${JSON.stringify(value)}`
  );
  return result.data;
};

const createScope = async (name) => {
  const { data, error, response } = await apiClient.POST('/api/organization-scopes', {
    body: { name, description: `${name} scope` },
  });
  assert.equal(response.status, 201, `POST /api/organization-scopes: ${JSON.stringify(error)}`);
  return check(scopeGuard, data, 'POST /api/organization-scopes');
};

test('a fresh install has the admin role with the member scopes', async () => {
  const { data, response } = await apiClient.GET('/api/organization-roles', {
    params: { query: { q: 'admin' } },
  });
  assert.equal(response.status, 200);
  assert.ok(Number(response.headers.get('total-number')) >= 1);
  const roles = check(roleWithScopesGuard.array(), data, 'GET /api/organization-roles');
  const admin = roles.find((role) => role.name === 'admin');
  assert.ok(admin, 'the admin role is listed');
  assert.deepEqual(
    admin.scopes.map((scope) => scope.name).sort(),
    ['invite:members', 'manage:members', 'read:members']
  );

  const member = await apiClient.GET('/api/organization-roles', {
    params: { query: { q: 'member', page: 1, page_size: 100 } },
  });
  const names = check(roleWithScopesGuard.array(), member.data, 'GET ?q=member').map((r) => r.name);
  assert.ok(names.includes('member'), `the member role is listed: ${names}`);
});

test('organization scopes are created, listed, updated and deleted', async () => {
  const scope = await createScope(`${runTag}:read`);
  const path = { params: { path: { id: scope.id } } };

  const whole = await apiClient.GET('/api/organization-scopes', { params: { query: { q: runTag } } });
  assert.equal(whole.response.status, 200);
  assert.equal(whole.response.headers.get('total-number'), null, 'no pagination asked for');
  assert.deepEqual(check(scopeGuard.array(), whole.data, 'GET /api/organization-scopes'), [scope]);

  const patched = await apiClient.PATCH('/api/organization-scopes/{id}', {
    ...path,
    body: { description: null },
  });
  assert.equal(patched.response.status, 200);
  assert.equal(check(scopeGuard, patched.data, 'PATCH /api/organization-scopes/:id').description, null);

  const duplicate = await apiClient.POST('/api/organization-scopes', { body: { name: scope.name } });
  assert.equal(duplicate.response.status, 422);
  assert.equal(check(errorGuard, duplicate.error, 'error body').code, 'entity.unique_integrity_violation');

  const deleted = await apiClient.DELETE('/api/organization-scopes/{id}', path);
  assert.equal(deleted.response.status, 204);
  const gone = await apiClient.GET('/api/organization-scopes/{id}', path);
  assert.equal(gone.response.status, 404);
  assert.equal(check(errorGuard, gone.error, 'error body').code, 'entity.not_exists_with_id');
});

test('an organization role is created with scopes, changed and deleted', async () => {
  const [read, write] = [await createScope(`${runTag}:r`), await createScope(`${runTag}:w`)];
  const created = await apiClient.POST('/api/organization-roles', {
    body: { name: `${runTag}-editor`, description: 'Edits.', organizationScopeIds: [read.id] },
  });
  assert.equal(created.response.status, 201, JSON.stringify(created.error));
  const role = check(roleGuard, created.data, 'POST /api/organization-roles');
  assert.equal(role.type, 'User');
  const path = { params: { path: { id: role.id } } };

  const got = await apiClient.GET('/api/organization-roles/{id}', path);
  assert.equal(got.response.status, 200);
  check(roleGuard, got.data, 'GET /api/organization-roles/:id');

  const added = await apiClient.POST('/api/organization-roles/{id}/scopes', {
    ...path,
    body: { organizationScopeIds: [write.id] },
  });
  assert.equal(added.response.status, 201, JSON.stringify(added.error));
  const scopes = await apiClient.GET('/api/organization-roles/{id}/scopes', path);
  assert.equal(scopes.response.status, 200);
  const listed = check(scopeGuard.array(), scopes.data, 'GET /api/organization-roles/:id/scopes');
  assert.deepEqual(listed.map((scope) => scope.id).sort(), [read.id, write.id].sort());

  const replaced = await apiClient.PUT('/api/organization-roles/{id}/scopes', {
    ...path,
    body: { organizationScopeIds: [write.id] },
  });
  assert.equal(replaced.response.status, 204);
  const removed = await apiClient.DELETE('/api/organization-roles/{id}/scopes/{organizationScopeId}', {
    params: { path: { id: role.id, organizationScopeId: write.id } },
  });
  assert.equal(removed.response.status, 204);
  const resourceScopes = await apiClient.GET('/api/organization-roles/{id}/resource-scopes', path);
  assert.deepEqual(resourceScopes.data, []);

  const unknown = await apiClient.POST('/api/organization-roles/{id}/scopes', {
    ...path,
    body: { organizationScopeIds: ['nosuchscope1'] },
  });
  assert.equal(unknown.response.status, 422);
  assert.equal(check(errorGuard, unknown.error, 'error body').code, 'entity.relation_foreign_key_not_found');

  const patched = await apiClient.PATCH('/api/organization-roles/{id}', {
    ...path,
    body: { name: `${runTag}-writer`, type: 'MachineToMachine' },
  });
  assert.equal(patched.response.status, 200);
  const updated = check(roleGuard, patched.data, 'PATCH /api/organization-roles/:id');
  assert.equal(updated.name, `${runTag}-writer`);
  assert.equal(updated.type, 'MachineToMachine');

  const duplicate = await apiClient.POST('/api/organization-roles', { body: { name: 'admin' } });
  assert.equal(duplicate.response.status, 422);
  assert.equal(check(errorGuard, duplicate.error, 'error body').code, 'entity.unique_integrity_violation');

  const deleted = await apiClient.DELETE('/api/organization-roles/{id}', path);
  assert.equal(deleted.response.status, 204);
  const gone = await apiClient.GET('/api/organization-roles/{id}', path);
  assert.equal(gone.response.status, 404);
  assert.equal(check(errorGuard, gone.error, 'error body').code, 'entity.not_exists_with_id');

  for (const scope of [read, write]) {
    const { response } = await apiClient.DELETE('/api/organization-scopes/{id}', {
      params: { path: { id: scope.id } },
    });
    assert.equal(response.status, 204);
  }
});
