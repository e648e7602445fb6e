// The portal through a real edge and server: sign-in refusals, the users
// table's search, filters and pagination kept in the URL, and sign-out.
//
// Needs a running edge that serves dist/ and forwards to a server:
//   TENANTRY_PORTAL_URL=http://127.0.0.1:3000 TENANTRY_ADMIN_USERNAME=admin \
//   TENANTRY_ADMIN_PASSWORD=… node --test tests/e2e/
// Skipped without TENANTRY_PORTAL_URL (until cargo xtask test starts an edge).
// Screenshots go to target/screenshots/.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const portal = process.env.TENANTRY_PORTAL_URL?.replace(/\/$/, '');
const admin = {
  username: process.env.TENANTRY_ADMIN_USERNAME ?? 'admin',
  password: process.env.TENANTRY_ADMIN_PASSWORD ?? '',
};
const shots = fileURLToPath(new URL('../../target/screenshots/', import.meta.url));
const skip = portal ? false : 'TENANTRY_PORTAL_URL is not set: no edge to test against';
// Unique per run, so a reused database does not change the counts.
const tag = `pw${Date.now().toString(36)}`;

let browser;

before(async () => {
  if (skip) return;
  await mkdir(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
});

/** Fills and submits the sign-in form; returns the page. */
async function signIn(page, username, password) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

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
