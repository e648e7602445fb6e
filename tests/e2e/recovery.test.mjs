// Password recovery through real mail: the admin sends a reset mail from the
// user's detail, or the user asks on "Forgot password"; the link caught by the
// test SMTP server sets a new password once.
//
// Needs TENANTRY_E2E_MAIL_DIR (cargo xtask e2e starts the SMTP server and sets
// it); skipped without it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, signIn } from './support/browser.mjs';
import { portal, shots, skip } from './support/env.mjs';
import { linkFrom, mailDir, waitForMail } from './support/mail.mjs';
import { createUser, signedInPage, toast } from './support/portal.mjs';

const skipMail = skip || (mailDir ? false : 'TENANTRY_E2E_MAIL_DIR is not set: no mail to read');

let browser;
before(async () => {
  if (!skipMail) browser = await launchBrowser();
});
after(async () => browser?.close());

/** The reset link mailed to `to`, as a path and query on the portal. */
async function resetLink(to) {
  const message = await waitForMail({ to, subjectIncludes: 'Reset your', timeoutMs: 20_000 });
  const link = linkFrom(message);
  assert.match(link, /^\/reset-password\?token=/);
  return link;
}

/** Sets `password` on the reset page at `link`; a signed-out page. */
async function reset(page, link, password) {
  await page.goto(`${portal}${link}`);
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
}

test('a reset mail sent from the user detail sets a new password once', { skip: skipMail }, async () => {
  const adminPage = await signedInPage(browser);
  const user = await createUser(adminPage, { tenantAdmin: true });
  await adminPage.goto(`${portal}/users/${user.id}`);
  await adminPage.getByRole('button', { name: 'Send password-reset mail' }).click();
  assert.equal(await toast(adminPage), 'Password-reset mail sent.');
  const link = await resetLink(user.primaryEmail);

  const page = await browser.newPage();
  await page.goto(`${portal}${link}`);
  await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
  await page.screenshot({ path: `${shots}reset-password.png` });
  // Two different passwords are caught before sending.
  await page.getByLabel('New password', { exact: true }).fill('one-Password1');
  await page.getByLabel('New password again').fill('two-Password2');
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('alert').filter({ hasText: 'The two passwords differ.' }).waitFor();

  const newPassword = `${user.password}-reset`;
  await reset(page, link, newPassword);
  await page.waitForURL(/\/sign-in$/);
  assert.match(await toast(page), /Password changed/);
  await signIn(page, user.username, newPassword);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The link works once.
  await reset(page, link, `${newPassword}-again`);
  await page.getByRole('alert').filter({ hasText: 'invalid, used or expired' }).waitFor();
  await page.close();
  await adminPage.context().close();
});

test('forgot password: the same answer for any address, a link for a known one', { skip: skipMail }, async () => {
  const adminPage = await signedInPage(browser);
  const user = await createUser(adminPage, { tenantAdmin: true });
  await adminPage.context().close();

  const page = await browser.newPage();
  await page.goto(`${portal}/sign-in`);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByRole('heading', { name: 'Forgot password' }).waitFor();
  await page.screenshot({ path: `${shots}forgot-password.png` });
  const confirmation = 'If an account has this email address';

  await page.getByLabel('Email').fill(`nobody-${user.username}@example.com`);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  const unknown = await page.getByRole('status').filter({ hasText: confirmation }).innerText();

  await page.goto(`${portal}/forgot-password`);
  await page.getByLabel('Email').fill(user.primaryEmail);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  const known = await page.getByRole('status').filter({ hasText: confirmation }).innerText();
  assert.equal(known, unknown, 'the screen does not tell whether the address is known');
  await page.screenshot({ path: `${shots}forgot-password-sent.png` });

  const newPassword = `${user.password}-forgot`;
  await reset(page, await resetLink(user.primaryEmail), newPassword);
  await page.waitForURL(/\/sign-in$/);
  await signIn(page, user.username, newPassword);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.close();
});
