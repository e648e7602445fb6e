// Organizations through a real edge and server: create, search, settings,
// custom data and delete; the organization template's roles and scopes; an
// organization admin sees only their organization.
//
// Run by cargo xtask e2e (see users.test.mjs for running it by hand).
// Screenshots go to target/screenshots/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { api, seed, signInAt, watchErrors } from './support/api.mjs';
import { launchBrowser } from './support/browser.mjs';
import { admin, portal, shots, skip, uniqueTag } from './support/env.mjs';

let browser;

before(async () => {
  if (!skip) browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('create, find, edit and delete an organization', { skip }, async () => {
  const tag = uniqueTag('org');
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await signInAt(page, admin.username, admin.password, '/organizations');
  await page.getByRole('heading', { name: 'Organizations' }).waitFor();

  await page.getByRole('link', { name: 'Create organization' }).click();
  await page.getByLabel('Name').fill(`Acme ${tag}`);
  await page.getByLabel('Description').fill('Rockets and anvils');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.getByTestId('organization-name').filter({ hasText: `Acme ${tag}` }).waitFor();
  assert.match(page.url(), /\/organizations\/[0-9a-z]{12}$/);
  const id = page.url().split('/').pop();

  // Settings and custom data are saved and survive reload.
  await page.getByLabel('Description').fill('Rockets, anvils and magnets');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved.').waitFor();
  await page.getByLabel('JSON object').fill('{"plan": "gold"');
  await page.getByText('Not valid JSON').waitFor();
  await page.getByLabel('JSON object').fill('{"plan": "gold"}');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Custom data saved.').waitFor();
  await page.reload();
  await page.waitForFunction(
    () => document.getElementById('tn-org-description')?.value === 'Rockets, anvils and magnets',
  );
  const organization = await api(page, 'GET', `/api/organizations/${id}`);
  assert.deepEqual(organization.customData, { plan: 'gold' });
  await page.screenshot({ path: `${shots}organization-settings.png`, fullPage: true });

  // The list: search by name, member counts, the query in the URL.
  const other = await api(page, 'POST', '/api/organizations', { name: `Acme ${tag} two` });
  const user = await api(page, 'POST', '/api/users', { username: `${tag}_m` });
  await api(page, 'POST', `/api/organizations/${other.id}/users`, { userIds: [user.id] });
  await page.goto(`${portal}/organizations`);
  await page.getByLabel('Search organizations').fill(tag);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByTestId('pager-range').filter({ hasText: '1–2 of 2' }).waitFor();
  assert.match(page.url(), new RegExp(`q=${tag}`));
  const row = page.locator('tr', { has: page.getByRole('link', { name: `Acme ${tag} two` }) });
  assert.equal(await row.locator('td').nth(2).innerText(), '1');
  await page.screenshot({ path: `${shots}organizations.png`, fullPage: true });
  await page.reload();
  await page.getByTestId('pager-range').filter({ hasText: '1–2 of 2' }).waitFor();

  // Delete, after confirming.
  await page.getByRole('link', { name: `Acme ${tag}`, exact: true }).click();
  await page.getByRole('button', { name: 'Delete organization' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Delete organization' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.getByText('Organization deleted.').waitFor();
  await page.waitForURL(`${portal}/organizations`);
  const gone = await page.request.get(`${portal}/api/organizations/${id}`);
  assert.equal(gone.status(), 404);
  assert.deepEqual(errors, []);
  await page.close();
});

test('organization roles and scopes', { skip }, async () => {
  const tag = uniqueTag('tpl');
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await signInAt(page, admin.username, admin.password, '/organization-template');
  await page.getByRole('heading', { name: 'Organization roles and scopes' }).waitFor();

  await page.locator('#tn-scope-name').fill(`read:${tag}`);
  await page.locator('#tn-scope-description').fill('Read reports');
  await page.getByRole('button', { name: 'Create scope' }).click();
  await page.getByText('Scope created.').waitFor();
  await page.getByRole('cell', { name: `read:${tag}`, exact: true }).waitFor();

  await page.locator('#tn-role-name').fill(`auditor_${tag}`);
  await page.getByRole('checkbox', { name: `read:${tag}` }).check();
  await page.getByRole('button', { name: 'Create role' }).click();
  await page.getByText('Role created.').waitFor();
  const row = page.locator('tr', { has: page.getByRole('cell', { name: `auditor_${tag}`, exact: true }) });
  await row.getByText(`read:${tag}`).waitFor();

  await page.getByRole('button', { name: `Edit role auditor_${tag}` }).click();
  await page.locator('#tn-role-description').fill('Reads the reports');
  await page.getByRole('checkbox', { name: `read:${tag}` }).uncheck();
  await page.getByRole('button', { name: 'Save role' }).click();
  await page.getByText('Role saved.').waitFor();
  await row.getByRole('cell', { name: 'Reads the reports' }).waitFor();
  await row.getByText('—').waitFor();
  await page.screenshot({ path: `${shots}organization-template.png`, fullPage: true });

  await page.getByRole('button', { name: `Delete role auditor_${tag}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await page.getByText('Role deleted.').waitFor();
  await row.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: `Delete scope read:${tag}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await page.getByText('Scope deleted.').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('an organization admin sees only their organization', { skip }, async () => {
  const tag = uniqueTag('oad');
  const adminPage = await browser.newPage();
  await signInAt(adminPage, admin.username, admin.password);
  const { org, users } = await seed(adminPage, tag, 2);
  const other = await api(adminPage, 'POST', '/api/organizations', { name: `Other ${tag}` });
  await api(adminPage, 'POST', `/api/organizations/${org.id}/users`, { userIds: users.map((u) => u.id) });
  await api(adminPage, 'POST', `/api/organizations/${org.id}/users/roles`, {
    userIds: [users[0].id],
    organizationRoleIds: ['orgroleadmin'],
  });
  await adminPage.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInAt(page, users[0].username, `Pw-${tag}-0`, '/organizations');
  const list = page.getByTestId('administered-organizations');
  await list.getByRole('link', { name: `Org ${tag}` }).waitFor();
  assert.equal(await list.getByRole('link').count(), 1);
  await page.screenshot({ path: `${shots}organization-admin.png`, fullPage: true });

  await list.getByRole('link', { name: `Org ${tag}` }).click();
  await page.locator('tr.tn-table__row', { hasText: `Person ${tag} 1` }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Settings' }).count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Add members' }).count(), 0);
  await page.screenshot({ path: `${shots}organization-admin-members.png`, fullPage: true });

  // The edge hides everything else.
  for (const path of ['/api/organizations', `/api/organizations/${other.id}/users`, '/api/users']) {
    const response = await page.request.get(`${portal}${path}`);
    assert.equal(response.status(), 404, path);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
