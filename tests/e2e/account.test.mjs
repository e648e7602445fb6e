// Signing in with the keyboard alone, and My account: a new tenant admin (never
// the bootstrap admin) changes their profile and their password.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, signIn } from './support/browser.mjs';
import { admin, portal, shots, skip } from './support/env.mjs';
import { createUser, signedInPage, toast } from './support/portal.mjs';
import { api } from './support/api.mjs';
import { mailDir, waitForMail } from './support/mail.mjs';

let browser;
before(async () => {
  if (!skip) browser = await launchBrowser();
});
after(async () => browser?.close());

test('sign-in with the keyboard only', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(`${portal}/sign-in`);
  await page.getByLabel('Username').waitFor();
  // Tab order: username, password, the sign-in button; Enter submits.
  await page.keyboard.press('Tab');
  await page.keyboard.type(admin.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(admin.password);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  await page.close();
});

test('my account: profile and password of a new tenant admin', { skip }, async () => {
  const adminPage = await signedInPage(browser);
  const user = await createUser(adminPage, { tenantAdmin: true });
  await adminPage.close();

  const page = await signedInPage(browser, user, '/account');
  await page.getByRole('heading', { name: 'My account' }).waitFor();
  assert.equal(await page.getByLabel('Username').inputValue(), user.username);
  await page.screenshot({ path: `${shots}account.png`, fullPage: true });

  // Profile: the new name reaches the header (the session) and the server.
  const name = `Renamed ${user.username}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Avatar URL').fill('https://example.com/a.png');
  await page.getByRole('button', { name: 'Save profile' }).click();
  assert.equal(await toast(page), 'Profile saved.');
  await page.getByTestId('signed-in-user').filter({ hasText: name }).waitFor();
  const session = await api(page, 'GET', '/auth/session');
  assert.equal(session.name, name);
  assert.equal(session.avatar, 'https://example.com/a.png');

  // Password: the two new ones must match, the current one must be right.
  const newPassword = `${user.password}-new`;
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Password' }) });
  await form.getByLabel('Current password').fill(user.password);
  await form.getByLabel('New password', { exact: true }).fill(newPassword);
  await form.getByLabel('New password again').fill('something else');
  await form.getByRole('button', { name: 'Change password' }).click();
  await form.getByRole('alert').filter({ hasText: 'The two passwords differ.' }).waitFor();
  await form.getByLabel('Current password').fill('not-my-password');
  await form.getByLabel('New password again').fill(newPassword);
  await form.getByRole('button', { name: 'Change password' }).click();
  await form.getByRole('alert').filter({ hasText: 'The current password is wrong.' }).waitFor();
  await form.getByLabel('Current password').fill(user.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  assert.equal(await toast(page), 'Password changed.');
  assert.equal(await form.getByLabel('Current password').inputValue(), '');

  // Only the new password signs in now.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in$/);
  await signIn(page, user.username, user.password);
  await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
  await signIn(page, user.username, newPassword);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.context().close();
});

test('my account: a new email only with the code mailed to it', { skip: skip || !mailDir }, async () => {
  const adminPage = await signedInPage(browser);
  const user = await createUser(adminPage, { tenantAdmin: true });
  await adminPage.close();

  const page = await signedInPage(browser, user, '/account');
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Email' }) });
  await section.getByText(user.primaryEmail).waitFor();
  const address = `new.${user.username}@example.com`;
  await section.getByLabel('New email').fill(address);
  await section.getByRole('button', { name: 'Send code' }).click();
  await section.getByText(`We sent a 6-digit code to ${address}.`).waitFor();
  // Not changed until the code comes back.
  assert.equal((await api(page, 'GET', '/auth/session')).primaryEmail, user.primaryEmail);

  const mail = await waitForMail({ to: address, subjectIncludes: 'verification code' });
  const code = mail.subject.match(/(\d{6})$/)[1];
  await section.getByLabel('Code').fill(code === '000000' ? '111111' : '000000');
  await section.getByRole('button', { name: 'Confirm email' }).click();
  await section.getByRole('alert').filter({ hasText: 'That is not the code we sent.' }).waitFor();
  await section.getByLabel('Code').fill(code);
  await section.getByRole('button', { name: 'Confirm email' }).click();
  assert.equal(await toast(page), 'Email changed.');
  assert.equal((await api(page, 'GET', '/auth/session')).primaryEmail, address);
  await page.screenshot({ path: `${shots}account-email.png`, fullPage: true });
  await page.context().close();
});
