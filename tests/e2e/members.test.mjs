// An organization's members through a real edge and server: add existing
// users with roles, change roles, filter, search, remove; invite by email
// with the keyboard only, resend, revoke, and accept from the mail caught by
// the real SMTP server (a new account and an existing user).
//
// Run by cargo xtask e2e (see users.test.mjs for running it by hand); the mail
// part needs TENANTRY_E2E_MAIL_DIR. Screenshots go to target/screenshots/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { api, seed, signInAt, watchErrors } from './support/api.mjs';
import { launchBrowser } from './support/browser.mjs';
import { admin, portal, shots, skip, uniqueTag } from './support/env.mjs';
import { linkFrom, mailDir, waitForMail } from './support/mail.mjs';

const mailSkip = skip || (mailDir ? false : 'TENANTRY_E2E_MAIL_DIR is not set: no mail to read');

let browser;

before(async () => {
  if (!skip) browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** The table row of the member or invitation named `text`. */
function row(page, text) {
  return page.locator('tr.tn-table__row', { hasText: text });
}

test('add members, change their roles, filter, search and remove', { skip }, async () => {
  const tag = uniqueTag('mem');
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await signInAt(page, admin.username, admin.password);
  const { org, users } = await seed(page, tag, 3);
  await page.goto(`${portal}/organizations/${org.id}/members`);
  await page.getByText('No members match.').waitFor();

  // Pick two users who are not members yet, with the member role.
  const add = page.getByRole('region', { name: 'Add members' });
  await add.getByLabel('Find users to add').fill(tag);
  await add.getByRole('button', { name: 'Search' }).click();
  await add.getByRole('checkbox', { name: `Person ${tag} 0` }).check();
  await add.getByRole('checkbox', { name: `Person ${tag} 1` }).check();
  await add.getByRole('checkbox', { name: 'member', exact: true }).check();
  await add.getByRole('button', { name: 'Add 2 members' }).click();
  await page.getByText('2 members added.').waitFor();
  await row(page, `Person ${tag} 0`).getByText('member', { exact: true }).waitFor();
  await row(page, `Person ${tag} 1`).getByText('member', { exact: true }).waitFor();
  await page.screenshot({ path: `${shots}members.png`, fullPage: true });

  // Change roles: Person 0 becomes admin as well.
  await page.getByRole('button', { name: `Change roles of Person ${tag} 0` }).click();
  const editor = page.locator('.tn-members__editor');
  await editor.getByRole('checkbox', { name: 'admin', exact: true }).check();
  await page.screenshot({ path: `${shots}members-roles.png`, fullPage: true });
  await editor.getByRole('button', { name: 'Save roles' }).click();
  await page.getByText('Roles saved.').waitFor();
  await row(page, `Person ${tag} 0`).getByText('admin', { exact: true }).waitFor();
  const roles = await api(page, 'GET', `/api/organizations/${org.id}/users/${users[0].id}/roles`);
  assert.deepEqual(roles.map((r) => r.name).sort(), ['admin', 'member']);

  // Filter by role, then search by name.
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'admin' });
  await page.getByTestId('pager-range').filter({ hasText: '1–1 of 1' }).waitFor();
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Any role' });
  await page.getByTestId('pager-range').filter({ hasText: '1–2 of 2' }).waitFor();
  await page.getByLabel('Search members').fill(`${tag}_1`);
  await page.getByRole('search').filter({ has: page.getByLabel('Search members') }).getByRole('button').click();
  await page.getByTestId('pager-range').filter({ hasText: '1–1 of 1' }).waitFor();
  await page.getByLabel('Search members').fill('');
  await page.getByRole('search').filter({ has: page.getByLabel('Search members') }).getByRole('button').click();

  // Remove Person 1, after confirming.
  await page.getByRole('button', { name: `Remove Person ${tag} 1` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await page.getByText('Member removed.').waitFor();
  await row(page, `Person ${tag} 1`).waitFor({ state: 'detached' });
  const left = await api(page, 'GET', `/api/organizations/${org.id}/users`);
  assert.deepEqual(left.map((m) => m.id), [users[0].id]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('invite by email with the keyboard, resend, revoke, accept from the mail', { skip: mailSkip }, async () => {
    const tag = uniqueTag('inv');
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await signInAt(page, admin.username, admin.password);
  // users[0] exists and is not a member: they accept with their account.
  const { org, users } = await seed(page, tag, 1);
  const fresh = `${tag}.new@example.com`;
  const revoked = `${tag}.revoked@example.com`;
  await page.goto(`${portal}/organizations/${org.id}/members`);
  await page.getByText('No invitations yet.').waitFor();

  // Keyboard only: type the addresses, Tab to the member role, Space, Tab to
  // the send button, Enter.
  await page.getByLabel('Email addresses').focus();
  await page.keyboard.type(`${fresh}, ${users[0].primaryEmail}\n${revoked}`);
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return `${el?.tagName} ${(el?.closest('label') ?? el)?.textContent?.trim()}`;
  });
  for (let i = 0; i < 20 && (await focused()) !== 'INPUT member'; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'INPUT member');
  await page.keyboard.press('Space');
  for (let i = 0; i < 20 && (await focused()) !== 'BUTTON Send invitations'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByText('3 invitations sent.').waitFor();
  for (const address of [fresh, users[0].primaryEmail, revoked]) {
    await row(page, address).getByText('Pending', { exact: true }).waitFor();
  }
  await row(page, fresh).getByText('member', { exact: true }).waitFor();
  await page.screenshot({ path: `${shots}members-invitations.png`, fullPage: true });

  await page.getByRole('button', { name: `Resend to ${revoked}` }).click();
  await page.getByText('Invitation sent again.').waitFor();
  await page.getByRole('button', { name: `Revoke for ${revoked}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
  await page.getByText('Invitation revoked.').waitFor();
  await row(page, revoked).getByText('Revoked', { exact: true }).waitFor();

  // A new account from the mailed link, in a browser that is signed out.
  const guest = await browser.newContext();
  const invitee = await guest.newPage();
  const mail = await waitForMail({ to: fresh, subjectIncludes: `Org ${tag}`, timeoutMs: 20000 });
  await invitee.goto(`${portal}${linkFrom(mail)}`);
  await invitee.getByRole('heading', { name: 'Accept the invitation' }).waitFor();
  await invitee.getByLabel('Your name').fill(`New ${tag}`);
  await invitee.getByLabel('Password').fill(`Pw-${tag}-new`);
  await invitee.screenshot({ path: `${shots}invitation-accept.png`, fullPage: true });
  await invitee.getByRole('button', { name: 'Accept invitation' }).click();
  await invitee.getByText('Your account is ready').waitFor();
  await invitee.screenshot({ path: `${shots}invitation-accepted.png`, fullPage: true });
  // The link works once.
  await invitee.goto(`${portal}${linkFrom(mail)}`);
  await invitee.getByRole('button', { name: 'Accept invitation' }).click();
  await invitee.getByText('invalid or was already used').waitFor();

  // The existing user proves the account with its password (the link proves only
  // the mailbox).
  const known = await waitForMail({ to: users[0].primaryEmail, subjectIncludes: `Org ${tag}`, timeoutMs: 20000 });
  await invitee.goto(`${portal}${linkFrom(known)}`);
  await invitee.getByRole('button', { name: 'Accept invitation' }).click();
  await invitee.getByRole('alert').filter({ hasText: 'enter its password' }).waitFor();
  await invitee.getByLabel('Password').fill(`Pw-${tag}-0`);
  await invitee.getByRole('button', { name: 'Accept invitation' }).click();
  await invitee.getByText('You have joined the organization.').waitFor();
  await guest.close();

  await page.reload();
  await row(page, `New ${tag}`).getByText('member', { exact: true }).waitFor();
  await row(page, `Person ${tag} 0`).getByText('member', { exact: true }).waitFor();
  await row(page, fresh).getByText('Accepted', { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
