// The audit log shows what was done (filters kept in the URL, a detail
// drawer with the payload, Escape closes it and focus returns), and the
// dashboard shows the counts and the sign-in chart.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { adminPage } from './support/portal.mjs';
import { api } from './support/api.mjs';
import { launchBrowser, screenshot } from './support/browser.mjs';
import { portal, skip, uniqueTag } from './support/env.mjs';

const tag = uniqueTag('aud');
let browser;

before(async () => {
  if (!skip) browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('the audit log shows the actions done, with their payload', { skip }, async () => {
  const errors = [];
  const page = await adminPage(browser, errors);
  const role = await api(page, 'POST', '/api/roles', { name: `logged-${tag}`, description: 'Audited' });
  await api(page, 'DELETE', `/api/roles/${role.id}`);

  await page.goto(`${portal}/audit-log`);
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await page.getByLabel(/^Key/).fill('Management.Role.Delete');
  await page.getByLabel('Time').selectOption('1h');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/key=Management\.Role\.Delete/);
  assert.match(page.url(), /window=1h/);
  // The unfiltered rows may still show for a moment after the URL changed.
  await page.getByRole('cell', { name: 'Management.Role.Delete' }).first().waitFor();
  await page.getByRole('cell', { name: 'Management.Role.Create' }).first().waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('cell', { name: 'Management.Role.Create' }).count(), 0);
  await screenshot(page, 'audit-log');

  // Reload keeps the filter; the detail drawer shows the payload.
  await page.reload();
  assert.equal(await page.getByLabel(/^Key/).inputValue(), 'Management.Role.Delete');
  const details = page.getByRole('button', { name: /^Details of Management\.Role\.Delete/ }).first();
  await details.click();
  const drawer = page.getByRole('dialog');
  await drawer.waitFor();
  await page.getByTestId('log-payload').filter({ hasText: `/api/roles` }).waitFor();
  const payloads = await page.getByTestId('log-payload').innerText();
  assert.ok(JSON.parse(payloads).result, 'the payload is formatted JSON with a result');
  await screenshot(page, 'audit-log-detail');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'detached' });
  assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''), /^Details of/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the audit log filters by a custom time window in local time', { skip }, async () => {
  const errors = [];
  const page = await adminPage(browser, errors);
  const role = await api(page, 'POST', '/api/roles', { name: `windowed-${tag}`, description: 'Audited' });
  await api(page, 'DELETE', `/api/roles/${role.id}`);
  // datetime-local values in the browser's time zone, an hour either side of now.
  const [from, to] = await page.evaluate(() => [-3600e3, 3600e3].map((offset) => {
    const d = new Date(Date.now() + offset);
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
  }));

  await page.goto(`${portal}/audit-log`);
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await page.getByLabel(/^Key/).fill('Management.Role.Delete');
  await page.getByLabel('Time').selectOption('custom');
  // Backwards: refused with a message, the URL unchanged.
  await page.getByLabel('From (local time)').fill(to);
  await page.getByLabel('To (local time)').fill(from);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('alert').filter({ hasText: 'The start time must be before the end time.' }).waitFor();
  await screenshot(page, 'audit-log-window-refused');
  assert.doesNotMatch(page.url(), /window=/);

  await page.getByLabel('From (local time)').fill(from);
  await page.getByLabel('To (local time)').fill(to);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/window=custom/);
  const url = new URL(page.url());
  assert.equal(Number(url.searchParams.get('to')) - Number(url.searchParams.get('from')), 2 * 3600e3);
  await page.locator('tbody tr.tn-table__row').first().waitFor();
  await screenshot(page, 'audit-log-custom-window');

  // Reload keeps the window; a window in the past finds nothing.
  await page.reload();
  assert.equal(await page.getByLabel('From (local time)').inputValue(), from);
  assert.equal(await page.getByLabel('To (local time)').inputValue(), to);
  await page.locator('tbody tr.tn-table__row').first().waitFor();
  await page.getByLabel('From (local time)').fill('2000-01-01T00:00');
  await page.getByLabel('To (local time)').fill('2000-01-02T00:00');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByText('No log entries match.').waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the dashboard counts and charts sign-ins', { skip }, async () => {
  const errors = [];
  const page = await adminPage(browser, errors);
  await page.goto(`${portal}/`);
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  const counts = page.getByTestId('dashboard-counts');
  await counts.waitFor();
  const users = Number(await counts.locator('.tn-tile').filter({ hasText: 'Users' }).locator('.tn-tile__value').innerText());
  assert.ok(users >= 1, `users counted: ${users}`);
  const chart = page.getByTestId('sign-in-chart');
  await chart.waitFor();
  // Thirty days in the hidden table; today has this sign-in at least.
  const rows = page.locator('.tn-chart table tbody tr');
  assert.equal(await rows.count(), 30);
  const today = Number(await rows.last().locator('td').first().textContent());
  assert.ok(today >= 1, `sign-ins today: ${today}`);
  assert.match(await chart.locator('desc').textContent(), /successful/);
  await screenshot(page, 'dashboard');
  assert.deepEqual(errors, []);
  await page.context().close();
});
