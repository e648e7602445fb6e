// Lockout and suspension as a user meets them on the sign-in page, and as an
// admin lifts them in the user's detail; the detail's tabs by keyboard and URL.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, signIn } from './support/browser.mjs';
import { portal, shots, skip, uniqueTag } from './support/env.mjs';
import { createUser, signedInPage, toast } from './support/portal.mjs';
import { api } from './support/api.mjs';

let browser;
before(async () => {
  if (!skip) browser = await launchBrowser();
});
after(async () => browser?.close());

const alert = (page, text) => page.getByRole('alert').filter({ hasText: text }).waitFor();

test('five wrong passwords throttle and lock; the admin unlocks; suspension refuses', { skip }, async () => {
  const adminPage = await signedInPage(browser);
  const user = await createUser(adminPage, { tenantAdmin: true });

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${portal}/sign-in`);
  /** One sign-in through the form; the edge's status. */
  const attempt = async (password) => {
    const answer = page.waitForResponse((r) => r.url().endsWith('/auth/sign-in'));
    await signIn(page, user.username, password);
    return (await answer).status();
  };
  for (let i = 0; i < 5; i++) {
    assert.equal(await attempt(`wrong-${i}`), 422);
    await alert(page, 'Wrong username or password.');
  }
  // This address is throttled for this account now: even the right password waits
  // (429). The test server's account ceiling is 5 too, so the account is locked as well.
  assert.equal(await attempt(user.password), 429);
  await alert(page, 'Too many attempts');
  await page.screenshot({ path: `${shots}sign-in-locked.png` });

  await adminPage.goto(`${portal}/users/${user.id}`);
  await adminPage.getByText('Locked', { exact: true }).waitFor();
  await adminPage.screenshot({ path: `${shots}user-locked.png`, fullPage: true });
  await adminPage.getByRole('button', { name: 'Unlock' }).click();
  assert.equal(await toast(adminPage), 'User unlocked.');
  await adminPage.getByRole('button', { name: 'Unlock' }).waitFor({ state: 'detached' });

  await signIn(page, user.username, user.password);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in$/);

  // Suspended: refused with its own message, until reactivated.
  await adminPage.getByRole('button', { name: 'Suspend' }).click();
  await adminPage.getByRole('alertdialog').getByRole('button', { name: 'Suspend' }).click();
  assert.equal(await toast(adminPage), 'User suspended.');
  await signIn(page, user.username, user.password);
  await alert(page, 'suspended');
  await page.screenshot({ path: `${shots}sign-in-suspended.png` });
  await adminPage.getByRole('button', { name: 'Reactivate' }).click();
  assert.equal(await toast(adminPage), 'User reactivated.');
  await signIn(page, user.username, user.password);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await context.close();
  await adminPage.context().close();
});

test('user detail tabs: keyboard, URL, organizations with roles', { skip }, async () => {
  const page = await signedInPage(browser);
  const user = await createUser(page);
  const org = await api(page, 'POST', '/api/organizations', { name: uniqueTag('Org ') });
  const role = await api(page, 'POST', '/api/organization-roles', { name: uniqueTag('role_') });
  await api(page, 'POST', `/api/organizations/${org.id}/users`, { userIds: [user.id] });
  await api(page, 'POST', `/api/organizations/${org.id}/users/${user.id}/roles`, {
    organizationRoleIds: [role.id],
  });

  await page.goto(`${portal}/users/${user.id}`);
  const tab = (name) => page.getByRole('tab', { name });
  await tab('Profile').waitFor();
  assert.equal(await tab('Profile').getAttribute('aria-selected'), 'true');
  await page.getByRole('button', { name: 'Save profile' }).waitFor();

  // Arrow keys move and select; the URL follows; only the selected tab is tabbable.
  await tab('Profile').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/\?tab=roles$/);
  assert.equal(await tab('Roles').getAttribute('aria-selected'), 'true');
  assert.equal(await tab('Profile').getAttribute('tabindex'), '-1');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Roles');
  await page.keyboard.press('End');
  await page.waitForURL(/\?tab=activity$/);
  await page.keyboard.press('Home');
  await page.waitForURL((url) => url.search === '');
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(/\?tab=activity$/);
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(/\?tab=organizations$/);

  // The tab survives reload; the organization links to its page, with the role.
  await page.reload();
  const panel = page.getByRole('tabpanel');
  const link = panel.getByRole('link', { name: org.name });
  await link.waitFor();
  await panel.getByText(role.name).waitFor();
  assert.equal(await link.getAttribute('href'), `/organizations/${org.id}`);
  await page.screenshot({ path: `${shots}user-organizations.png`, fullPage: true });

  const loner = await createUser(page);
  await page.goto(`${portal}/users/${loner.id}?tab=organizations`);
  await page.getByText('Not a member of any organization.').waitFor();
  await page.context().close();
});
