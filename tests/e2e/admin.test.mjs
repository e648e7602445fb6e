// Global roles and API resources in the portal, through a real edge and
// server: create, edit, link scopes, delete, and the server's refusals for
// what is built in (the tenant-admin role, the Management API).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { adminPage, toast } from './support/portal.mjs';
import { api } from './support/api.mjs';
import { launchBrowser, screenshot } from './support/browser.mjs';
import { portal, skip, uniqueTag } from './support/env.mjs';

const tag = uniqueTag('adm');
let browser;

before(async () => {
  if (!skip) browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('API resources: create, edit, scopes, delete; the Management API is protected', { skip }, async () => {
  const errors = [];
  const page = await adminPage(browser, errors);
  await page.goto(`${portal}/api-resources`);
  await page.getByRole('heading', { name: 'API resources' }).waitFor();
  await page.getByRole('link', { name: 'Logto Management API' }).waitFor();
  await page.getByRole('button', { name: 'Create API resource' }).click();
  await page.getByLabel('Name').fill(`Orders ${tag}`);
  await page.getByLabel(/Indicator/).fill(`https://${tag}.example.com/api`);
  await page.getByLabel('Token lifetime in seconds').fill('600');
  await screenshot(page, 'api-resources');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  assert.equal(await toast(page), 'API resource created.');
  await page.getByRole('heading', { name: `Orders ${tag}` }).waitFor();
  assert.equal(await page.getByLabel('Indicator').getAttribute('readonly'), '');

  await page.getByLabel('Name', { exact: true }).fill(`Orders renamed ${tag}`);
  await page.getByLabel('Token lifetime in seconds').fill('900');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  assert.equal(await toast(page), 'API resource saved.');
  await page.getByRole('heading', { name: `Orders renamed ${tag}` }).waitFor();
  assert.equal(await page.getByLabel('Token lifetime in seconds').inputValue(), '900');

  await page.getByLabel('Scope name').fill('read:orders');
  await page.getByLabel('Scope description').fill('Read orders');
  await page.getByRole('button', { name: 'Create scope' }).click();
  assert.equal(await toast(page), 'Scope created.');
  await page.getByRole('cell', { name: 'read:orders', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Edit read:orders' }).click();
  await page.getByLabel('Scope description').fill('Read every order');
  await page.getByRole('button', { name: 'Save scope' }).click();
  assert.equal(await toast(page), 'Scope saved.');
  await page.getByRole('cell', { name: 'Read every order', exact: true }).waitFor();
  await screenshot(page, 'api-resource-detail');
  await page.getByRole('button', { name: 'Delete read:orders' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  assert.equal(await toast(page), 'Scope deleted.');
  await page.getByText('No scopes yet.').waitFor();

  await page.getByRole('button', { name: 'Delete API resource' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  assert.equal(await toast(page), 'API resource deleted.');
  await page.waitForURL(/\/api-resources$/);

  // The Management API cannot be deleted: the server's refusal is shown.
  await page.getByRole('link', { name: 'Logto Management API' }).click();
  await page.getByRole('heading', { name: 'Logto Management API' }).waitFor();
  await page.getByRole('button', { name: 'Delete API resource' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  const refusal = await toast(page);
  assert.notEqual(refusal, 'API resource deleted.');
  assert.ok(refusal.length > 0);
  assert.match(page.url(), /\/api-resources\/management-api$/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('roles: create, search, edit, scopes and users tabs, delete; internal roles are refused', { skip }, async () => {
  const errors = [];
  const page = await adminPage(browser, errors);
  await page.goto(`${portal}/roles`);
  await page.getByRole('heading', { name: 'Roles' }).waitFor();
  await page.getByRole('button', { name: 'Create role' }).click();
  await page.getByLabel('Name').fill(`auditor-${tag}`);
  await page.getByLabel('Description').fill('Reads everything');
  await screenshot(page, 'roles-create');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  assert.equal(await toast(page), 'Role created.');
  await page.getByRole('heading', { name: `auditor-${tag}` }).waitFor();

  await page.getByLabel('Description', { exact: true }).fill('Reads all the things');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  assert.equal(await toast(page), 'Role saved.');

  // Scopes tab: the Management API's scope.
  await page.getByLabel('Add a scope').selectOption({ label: 'Logto Management API: all' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  assert.equal(await toast(page), 'Added.');
  await page.getByRole('cell', { name: 'all', exact: true }).waitFor();

  // Users tab: a new user holds it, then not.
  const adminName = `Rita ${tag}`;
  await api(page, 'POST', '/api/users', { username: `rita_${tag}`, name: adminName });
  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByText('No user holds this role.').waitFor();
  await page.getByLabel('Find users to add').fill(`rita_${tag}`);
  await page.getByLabel('Find users to add').press('Enter');
  await page.getByRole('option', { name: adminName }).waitFor({ state: 'attached' });
  await page.getByLabel('Add a user').selectOption({ label: adminName });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  assert.equal(await toast(page), 'Added.');
  await page.getByRole('button', { name: `Remove ${adminName}` }).waitFor();
  await screenshot(page, 'role-detail');
  await page.getByRole('button', { name: `Remove ${adminName}` }).click();
  assert.equal(await toast(page), 'Removed.');
  await page.getByText('No user holds this role.').waitFor();

  // The list finds it by search, with the search in the URL.
  await page.goto(`${portal}/roles`);
  await page.getByLabel('Search roles').fill(`auditor-${tag}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('pager-range').filter({ hasText: '1–1 of 1' }).waitFor();
  assert.match(page.url(), /q=auditor/);
  await screenshot(page, 'roles');
  await page.getByRole('link', { name: `auditor-${tag}` }).click();
  await page.getByRole('button', { name: 'Delete role' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  assert.equal(await toast(page), 'Role deleted.');
  await page.waitForURL(/\/roles$/);

  // The tenant-admin role is internal: the server refuses, the message shows.
  await page.getByLabel('Search roles').fill('tenant-admin');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: 'tenant-admin' }).click();
  await page.getByRole('button', { name: 'Delete role' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  const refusal = await toast(page);
  assert.notEqual(refusal, 'Role deleted.');
  await page.getByRole('heading', { name: 'tenant-admin' }).waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});
