// The portal through a real edge and server: sign-in refusals, the users
// table's search, filters and pagination kept in the URL, sign-out, and a
// user's detail screen.
//
// Needs a running edge that serves dist/ and forwards to a server; cargo
// xtask test starts both on loopback and sets these:
//   TENANTRY_PORTAL_URL=http://127.0.0.1:3000 TENANTRY_ADMIN_USERNAME=admin \
//   TENANTRY_ADMIN_PASSWORD=… node --test tests/e2e/
// Skipped without TENANTRY_PORTAL_URL. The edge's __Host- session cookie is
// Secure: Chromium keeps it over http://127.0.0.1, a secure context.
// Screenshots go to target/screenshots/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, signIn } from './support/browser.mjs';
import { admin, portal, shots, skip, uniqueTag } from './support/env.mjs';
import { toast } from './support/portal.mjs';

// Unique per run, so a reused database does not change the counts.
const tag = uniqueTag();

let browser;

before(async () => {
  if (skip) return;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('sign-in, the users table and sign-out', { skip }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));

  // Signed out, a bookmarked search leads to sign-in and back.
  await page.goto(`${portal}/users?q=${tag}`);
  await page.waitForURL(/\/sign-in\?next=/);
  await signIn(page, admin.username, 'not-the-password');
  await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
  await page.screenshot({ path: `${shots}sign-in-refused.png` });

  await signIn(page, admin.username, admin.password);
  await page.getByRole('heading', { name: 'Users' }).waitFor();
  assert.equal(new URL(page.url()).search, `?q=${tag}`);
  await page.getByText('No users match.').waitFor();

  // 25 users through the edge (the session cookie and the CSRF header).
  for (let i = 0; i < 25; i++) {
    const response = await page.request.post(`${portal}/api/users`, {
      headers: { 'X-Tenantry': '1' },
      data: { username: `${tag}_${i}`, name: `Person ${i}`, primaryEmail: `${tag}.${i}@example.com` },
    });
    assert.equal(response.status(), 200, await response.text());
  }
  const csrf = await page.request.post(`${portal}/api/users`, { data: { username: `${tag}_x` } });
  assert.notEqual(csrf.status(), 200, 'a write without X-Tenantry is refused');

  await page.reload();
  const range = page.getByTestId('pager-range');
  await range.filter({ hasText: '1–20 of 25' }).waitFor();
  assert.equal(await page.locator('tbody tr.tn-table__row').count(), 20);
  await page.screenshot({ path: `${shots}users.png`, fullPage: true });

  // Page size and next page go into the URL and survive reload.
  await page.getByLabel('Rows per page').selectOption('10');
  await range.filter({ hasText: '1–10 of 25' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await range.filter({ hasText: '11–20 of 25' }).waitFor();
  assert.match(page.url(), /page=2/);
  assert.match(page.url(), /size=10/);
  await page.reload();
  await range.filter({ hasText: '11–20 of 25' }).waitFor();

  // Advanced search: exact username.
  await page.getByRole('button', { name: 'Advanced' }).click();
  await page.getByLabel('Search users').fill(`${tag}_7`);
  await page.getByLabel('Field').selectOption('username');
  await page.getByLabel('Match').selectOption('exact');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await range.filter({ hasText: '1–1 of 1' }).waitFor();
  assert.equal(await page.locator('tbody tr.tn-table__row td').nth(1).innerText(), `${tag}_7`);
  await page.screenshot({ path: `${shots}users-search.png`, fullPage: true });
  await page.reload();
  assert.equal(await page.getByLabel('Search users').inputValue(), `${tag}_7`);
  await range.filter({ hasText: '1–1 of 1' }).waitFor();

  // The locked filter: none of the new users is locked.
  await page.getByLabel('Locked only').check();
  await page.getByText('No users match.').waitFor();
  assert.match(page.url(), /locked=1/);

  // Sign out ends the session at the edge.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in$/);
  const session = await page.request.get(`${portal}/auth/session`);
  assert.equal(session.status(), 401);
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
  await page.close();
});

test('a user: edit, custom data, suspend, refusals, delete', { skip }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${portal}/sign-in`);
  await signIn(page, admin.username, admin.password);
  await page.getByRole('link', { name: 'Users' }).waitFor();

  const created = await page.request.post(`${portal}/api/users`, {
    headers: { 'X-Tenantry': '1' },
    data: { username: `${tag}_detail`, name: 'Dana Detail', primaryEmail: `${tag}.d@example.com`, customData: { plan: 'pro' } },
  });
  const user = await created.json();

  await page.goto(`${portal}/users/${user.id}`);
  await page.getByRole('heading', { name: 'Dana Detail' }).waitFor();
  await page.screenshot({ path: `${shots}user-detail.png`, fullPage: true });

  await page.getByLabel('Name', { exact: true }).fill('Dana Renamed');
  await page.getByRole('button', { name: 'Save profile' }).click();
  assert.equal(await toast(page), 'Profile saved.');
  await page.getByRole('heading', { name: 'Dana Renamed' }).waitFor();

  const editor = page.getByLabel('JSON object');
  await editor.fill('{"plan": ');
  assert.match(await page.locator('.tn-json-editor__error').innerText(), /^Not valid JSON/);
  await editor.fill('{"plan": "team"}');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  assert.equal(await toast(page), 'Custom data saved.');
  const saved = await (await page.request.get(`${portal}/api/users/${user.id}`)).json();
  assert.deepEqual(saved.customData, { plan: 'team' });

  // Ending every session asks first; confirming ends them (a copied cookie then
  // stops working: crates/edge/tests/it/session_revocation.rs).
  await page.getByRole('button', { name: 'End all sessions' }).click();
  await page.getByRole('alertdialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'End all sessions' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'End sessions' }).click();
  assert.equal(await toast(page), 'All sessions ended.');

  // Suspending asks first; Escape cancels, confirming suspends.
  await page.getByRole('button', { name: 'Suspend' }).click();
  await page.getByRole('alertdialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Suspend' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Suspend' }).click();
  assert.equal(await toast(page), 'User suspended.');
  await page.getByRole('button', { name: 'Reactivate' }).waitFor();
  await page.getByText('Suspended', { exact: true }).waitFor();

  // The edge refuses deleting oneself, and the portal says why.
  const me = await (await page.request.get(`${portal}/auth/session`)).json();
  await page.goto(`${portal}/users/${me.id}`);
  await page.getByRole('button', { name: 'Delete user' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  assert.notEqual(await toast(page), 'User deleted.');

  await page.goto(`${portal}/users/${user.id}`);
  await page.getByRole('button', { name: 'Delete user' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL(/\/users$/);
  await page.goto(`${portal}/users/${user.id}`);
  await page.getByRole('heading', { name: 'User not found' }).waitFor();
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
  await page.close();
});

test('create a user with a generated password, shown once', { skip }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${portal}/users/new`);
  await signIn(page, admin.username, admin.password);
  await page.getByRole('heading', { name: 'Create user' }).waitFor();

  const username = `${tag}_new`;
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Name', { exact: true }).fill('Nora New');
  await page.getByRole('button', { name: 'Create user' }).click();
  const secret = await page.getByLabel('Generated password').inputValue();
  assert.match(secret, /^[A-Za-z0-9_-]{20}$/);
  await page.screenshot({ path: `${shots}user-created.png` });

  // The generated password is the user's: the edge verifies it, then
  // refuses the portal to someone who administers nothing.
  const other = await browser.newPage();
  await other.goto(`${portal}/sign-in`);
  await signIn(other, username, secret);
  await other.getByRole('alert').filter({ hasText: 'administers nothing' }).waitFor();
  await other.close();

  await page.getByRole('link', { name: 'Go to the user' }).click();
  await page.getByRole('heading', { name: 'Nora New' }).waitFor();

  // A taken username is refused with the server's message.
  await page.goto(`${portal}/users/new`);
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('alert').filter({ hasText: 'already in use' }).waitFor();
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
  await page.close();
});
