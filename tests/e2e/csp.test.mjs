// The portal under its own Content-Security-Policy (public/_headers, which the
// edge applies): every screen, signed out and signed in, without a violation.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, signIn } from './support/browser.mjs';
import { admin, portal, skip } from './support/env.mjs';
import { createUser, watchCsp } from './support/portal.mjs';

let browser;
before(async () => {
  if (!skip) browser = await launchBrowser();
});
after(async () => browser?.close());

const signedOut = ['/sign-in', '/forgot-password', '/reset-password?token=x'];
const signedIn = [
  '/', '/users', '/users/new', '/organizations', '/organizations/new', '/organization-template',
  '/roles', '/api-resources', '/applications', '/audit-log', '/account', '/no-such-page',
];

test('no screen violates the Content-Security-Policy', { skip }, async () => {
  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));

  const first = await page.goto(`${portal}/sign-in`);
  const policy = first.headers()['content-security-policy'] ?? '';
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/, 'the page is served with the policy');
  assert.doesNotMatch(policy, /unsafe-inline/);

  const visit = async (path) => {
    await page.goto(`${portal}${path}`);
    await page.locator('h1').first().waitFor();
    // Give late requests and style changes their moment.
    await page.waitForLoadState('networkidle');
  };
  for (const path of signedOut) await visit(path);
  await page.goto(`${portal}/sign-in`);
  await signIn(page, admin.username, admin.password);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  const user = await createUser(page);
  const detail = [`/users/${user.id}`, ...['roles', 'organizations', 'activity'].map((t) => `/users/${user.id}?tab=${t}`)];
  for (const path of [...signedIn, ...detail]) await visit(path);
  // A dialog and a toast, too.
  await visit(`/users/${user.id}`);
  await page.getByRole('button', { name: 'Delete user' }).click();
  await page.getByRole('alertdialog').waitFor();
  await page.keyboard.press('Escape');

  assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
  await context.close();
});
