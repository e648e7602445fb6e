// Machine-to-machine applications in the portal: create one, read its secret
// (shown once), give it a role and use the secret against the server's
// /oidc/token; add and delete a secret; delete the application.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { adminPage, toast } from './support/portal.mjs';
import { api } from './support/api.mjs';
import { launchBrowser, screenshot } from './support/browser.mjs';
import { portal, skip, uniqueTag } from './support/env.mjs';

const server = process.env.TENANTRY_E2E_SERVER_URL?.replace(/\/$/, '');
const managementApi = 'https://default.logto.app/api';
const tag = uniqueTag('app');
let browser;

before(async () => {
  if (!skip) browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('an M2M application: the secret shown once gets a token', { skip: skip || (!server && 'TENANTRY_E2E_SERVER_URL is not set') }, async () => {
  const errors = [];
  const page = await adminPage(browser, errors);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal });

  // A machine-to-machine role granting the Management API's scope.
  const scopes = await (await page.request.get(`${portal}/api/resources/management-api/scopes`)).json();
  const all = scopes.find((s) => s.name === 'all');
  const roleName = `svc-${tag}`;
  await api(page, 'POST', '/api/roles', {
    name: roleName, description: 'A service', type: 'MachineToMachine', scopeIds: [all.id],
  });

  await page.goto(`${portal}/applications`);
  await page.getByRole('heading', { name: 'Applications' }).waitFor();
  await page.getByRole('button', { name: 'Create application' }).click();
  await page.getByLabel('Name').fill(`Billing ${tag}`);
  await page.getByLabel('Description').fill('Nightly billing run');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  assert.equal(await toast(page), 'Application created.');
  const secret = await page.getByTestId('secret-value').inputValue();
  assert.match(secret, /^[0-9A-Za-z]{32}$/);
  const appId = await page.getByTestId('created-app-id').innerText();
  await page.getByRole('button', { name: 'Copy' }).click();
  assert.equal(await toast(page), 'Copied to the clipboard.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  await screenshot(page, 'application-created');

  // The list has it; the detail screen never shows the secret again.
  await page.getByRole('link', { name: `Billing ${tag}` }).waitFor();
  await page.getByRole('link', { name: 'Go to the application' }).click();
  await page.getByRole('heading', { name: `Billing ${tag}` }).waitFor();
  // The default secret every M2M application is created with (Logto's name).
  await page.getByRole('cell', { name: 'Default secret', exact: true }).waitFor();
  assert.equal(await page.getByTestId('secret-value').count(), 0);
  assert.equal(await page.getByText(secret).count(), 0);

  await page.getByLabel('Assign a role').selectOption({ label: roleName });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  assert.equal(await toast(page), 'Role assigned.');
  await page.getByRole('link', { name: roleName }).waitFor();

  // The secret works at the server's token endpoint, and the token calls the API.
  const token = await fetch(`${server}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${appId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: managementApi, scope: 'all' }),
  });
  assert.equal(token.status, 200, await token.clone().text());
  const { access_token: accessToken } = await token.json();
  const roles = await fetch(`${server}/api/roles?page_size=1`, { headers: { authorization: `Bearer ${accessToken}` } });
  assert.equal(roles.status, 200);

  // A second secret, shown once; then deleted after a confirmation.
  await page.getByLabel('Secret name').fill('rotation');
  await page.getByRole('button', { name: 'Add secret' }).click();
  assert.equal(await toast(page), 'Secret added.');
  assert.match(await page.getByTestId('secret-value').inputValue(), /^[0-9A-Za-z]{32}$/);
  await page.getByRole('cell', { name: 'rotation', exact: true }).waitFor();
  await page.reload();
  await page.getByRole('cell', { name: 'rotation', exact: true }).waitFor();
  assert.equal(await page.getByTestId('secret-value').count(), 0);
  await screenshot(page, 'application-detail');
  await page.getByRole('button', { name: 'Delete secret rotation' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  assert.equal(await toast(page), 'Secret deleted.');
  await page.getByRole('cell', { name: 'rotation', exact: true }).waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Remove ' + roleName }).click();
  assert.equal(await toast(page), 'Role removed.');
  await page.getByRole('button', { name: 'Delete application' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  assert.equal(await toast(page), 'Application deleted.');
  await page.waitForURL(/\/applications$/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the applications list searches names and descriptions, kept in the URL', { skip }, async () => {
  const errors = [];
  const page = await adminPage(browser, errors);
  const named = await api(page, 'POST', '/api/applications', { name: `Find ${tag}`, description: 'By name', type: 'MachineToMachine' });
  const described = await api(page, 'POST', '/api/applications', { name: `Other ${tag}`, description: `About ${tag}-desc`, type: 'MachineToMachine' });

  await page.goto(`${portal}/applications`);
  await page.getByRole('heading', { name: 'Applications' }).waitFor();
  const box = page.getByRole('searchbox', { name: 'Search applications' });
  await box.fill(`${tag}-desc`);
  await box.press('Enter');
  await page.waitForURL(/[?&]q=/);
  // The unfiltered list may still show while the search loads.
  await page.getByRole('link', { name: `Find ${tag}` }).waitFor({ state: 'detached' });
  await page.getByRole('link', { name: `Other ${tag}` }).waitFor();
  await screenshot(page, 'applications-search');

  await page.reload();
  assert.equal(await box.inputValue(), `${tag}-desc`);
  await page.getByRole('link', { name: `Other ${tag}` }).waitFor();
  await box.fill(tag);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('link', { name: `Find ${tag}` }).waitFor();
  await page.getByRole('link', { name: `Other ${tag}` }).waitFor();
  await box.fill(`nothing-${tag}`);
  await box.press('Enter');
  await page.getByText('No applications match.').waitFor();

  for (const app of [named, described]) await api(page, 'DELETE', `/api/applications/${app.id}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("the edge's own application cannot be deleted: the server's refusal is shown", { skip }, async () => {
  const errors = [];
  const page = await adminPage(browser, errors);
  const apps = await api(page, 'GET', '/api/applications?page_size=100');
  const edge = apps.find((app) => app.name === 'Tenantry edge');
  assert.ok(edge, 'the bootstrapped edge application');

  await page.goto(`${portal}/applications/${edge.id}`);
  await page.getByRole('heading', { name: 'Tenantry edge' }).waitFor();
  await page.getByRole('button', { name: 'Delete application' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  assert.equal(await toast(page), 'The application making this request cannot delete itself.');
  await page.getByRole('button', { name: 'Delete secret default' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  assert.equal(await toast(page), 'The application making this request cannot delete its last usable secret.');
  await page.getByRole('cell', { name: 'default', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});
