// The members widget on the example host page (public/embed-example.html):
// the page is opened on another origin than the edge (localhost against
// 127.0.0.1, the edge's --allowed-origin), its "backend" mints embed tokens
// with the edge's embed key, and the widget calls the edge cross-origin with
// them. The portal itself must not mount there.
//
// Needs TENANTRY_E2E_EMBED_KEY (cargo xtask e2e sets it). Screenshots go to
// target/screenshots/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { api, seed, signInAt, watchErrors } from './support/api.mjs';
import { launchBrowser } from './support/browser.mjs';
import { admin, portal, shots, skip, uniqueTag } from './support/env.mjs';
import { watchCsp } from './support/portal.mjs';

const embedKey = process.env.TENANTRY_E2E_EMBED_KEY;
const embedSkip = skip || (embedKey ? false : 'TENANTRY_E2E_EMBED_KEY is not set');
// The same edge under another name: a different origin for the browser.
const hostOrigin = portal?.replace('127.0.0.1', 'localhost');

let browser;

before(async () => {
  if (!embedSkip) browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** What the host SaaS backend does: `POST /embed/tokens` with the embed key. */
async function mintToken(organizationId, permissions) {
  const response = await fetch(`${portal}/embed/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${embedKey}`, 'Content-Type': 'application/json', 'X-Tenantry': '1' },
    body: JSON.stringify({ organizationId, permissions, ttlSeconds: 300 }),
  });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return JSON.parse(text);
}

/** Opens the example page whose token route mints tokens with `permissions`. */
async function openHostPage(context, organizationId, permissions) {
  const page = await context.newPage();
  const minted = [];
  await page.route(`${hostOrigin}/host-backend/embed-token**`, async (route) => {
    const token = await mintToken(organizationId, permissions);
    minted.push(token);
    await route.fulfill({ json: token });
  });
  const query = new URLSearchParams({ organizationId, edgeUrl: portal });
  const response = await page.goto(`${hostOrigin}/embed-example.html?${query}`);
  return { page, minted, policy: response.headers()['content-security-policy'] ?? '' };
}

test('the example host page shows and manages one organization\'s members', { skip: embedSkip }, async () => {
  const tag = uniqueTag('emb');
  const adminPage = await browser.newPage();
  await signInAt(adminPage, admin.username, admin.password);
  const { org, users } = await seed(adminPage, tag, 2);
  await api(adminPage, 'POST', `/api/organizations/${org.id}/users`, { userIds: [users[0].id, users[1].id] });
  await api(adminPage, 'POST', `/api/organizations/${org.id}/users/roles`, {
    userIds: [users[0].id],
    organizationRoleIds: ['orgrolemembr'],
  });
  await adminPage.close();

  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const { page, minted, policy } = await openHostPage(context, org.id, ['read:members', 'manage:members', 'invite:members']);
  // The page's own policy (public/_headers), not the portal's: it reaches the edge.
  assert.match(policy, /connect-src 'self' https: /);
  assert.doesNotMatch(policy, /unsafe-inline/);
  const errors = watchErrors(page);
  const apiOrigins = new Set();
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiOrigins.add(new URL(request.url()).origin);
  });

  const widget = page.locator('#members');
  const row = (text) => widget.locator('tr.tn-table__row', { hasText: text });
  await row(`Person ${tag} 0`).getByText('member', { exact: true }).waitFor();
  await row(`Person ${tag} 1`).waitFor();
  // The page dropped the widget's handle: collecting it must not unmount.
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(200);
  await row(`Person ${tag} 1`).waitFor();
  // The host page is untouched: no portal, no sign-in, its own heading.
  await page.getByRole('heading', { name: 'Your team' }).waitFor();
  assert.equal(await page.locator('.tn-header, .tn-sign-in').count(), 0);
  assert.deepEqual([...apiOrigins], [portal], 'the widget calls the edge, cross-origin');
  assert.equal(minted.length, 1, 'one token serves every request until it nears expiry');
  // Tenant-admin-only parts are absent: no picker over all users.
  assert.equal(await widget.getByRole('heading', { name: 'Add members' }).count(), 0);
  // The host's theme reaches into the widget.
  const color = await widget.getByRole('button', { name: 'Send invitations' }).evaluate(
    (button) => getComputedStyle(button).backgroundColor,
  );
  assert.equal(color, 'rgb(15, 118, 110)');

  // Change a role and invite someone through the widget.
  await widget.getByRole('button', { name: `Change roles of Person ${tag} 1` }).click();
  await widget.getByRole('checkbox', { name: 'admin', exact: true }).first().check();
  await widget.getByRole('button', { name: 'Save roles' }).click();
  await row(`Person ${tag} 1`).getByText('admin', { exact: true }).waitFor();
  await widget.getByLabel('Email addresses').fill(`${tag}.guest@example.com`);
  await widget.getByRole('button', { name: 'Send invitations' }).click();
  await row(`${tag}.guest@example.com`).getByText('Pending').waitFor();
  await page.screenshot({ path: `${shots}embed-example.png`, fullPage: true });
  assert.deepEqual(errors, []);
  assert.deepEqual(violations, [], 'the widget runs under the page\'s policy');
  await page.close();

  // A read-only token: the table only, no actions and no invitations.
  const readOnly = await openHostPage(context, org.id, ['read:members']);
  const table = readOnly.page.locator('#members');
  await table.locator('tr.tn-table__row', { hasText: `Person ${tag} 1` }).waitFor();
  assert.equal(await table.getByRole('button', { name: /Change roles of/ }).count(), 0);
  assert.equal(await table.getByRole('heading', { name: 'Invite by email' }).count(), 0);
  await readOnly.page.screenshot({ path: `${shots}embed-read-only.png`, fullPage: true });
  await context.close();
});

test('the example host page refuses an edge or token route that is not http(s)', { skip: embedSkip }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const refused = [
    ['edgeUrl', 'javascript:alert(document.domain)'],
    ['tokenUrl', 'data:application/json,{"token":"x"}'],
  ];
  for (const [name, value] of refused) {
    const query = new URLSearchParams({ organizationId: 'org', [name]: value });
    await page.goto(`${hostOrigin}/embed-example.html?${query}`);
    const error = page.locator('#host-error');
    await error.waitFor();
    assert.match(await error.textContent(), new RegExp(`${name} must be an http or https URL`));
    assert.equal(await page.locator('#members').evaluate((el) => el.shadowRoot), null, 'no widget');
  }
  await page.screenshot({ path: `${shots}embed-refused.png`, fullPage: true });
  assert.deepEqual(requests.filter((url) => !url.startsWith(hostOrigin)), [], 'nothing fetched elsewhere');
  assert.equal(requests.filter((url) => url.includes('/index.html')).length, 0, 'the widget is not loaded');
  await context.close();
});

test('the example page has one address on every host; other paths are the portal', { skip }, async () => {
  const example = await fetch(`${portal}/embed-example.html`, { redirect: 'manual' });
  assert.equal(example.status, 200, 'served at its file name, no redirect');
  const policies = example.headers.get('content-security-policy') ?? '';
  assert.match(policies, /connect-src 'self' https: /, 'its own policy');
  assert.doesNotMatch(policies, /manifest-src/, 'and not the portal\'s as well');
  // No page there: the SPA fallback, under the portal's policy.
  const fallback = await fetch(`${portal}/embed-example`, { redirect: 'manual' });
  assert.equal(fallback.status, 200);
  assert.match(await fallback.text(), /tenantry-portal/);
  assert.match(fallback.headers.get('content-security-policy') ?? '', /connect-src 'self'; manifest-src 'self'/);
});
