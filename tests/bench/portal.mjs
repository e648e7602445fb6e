// The portal's size and speed, as `cargo xtask bench` reports them:
//   1. transfer size: index.html and everything it loads at start (JS, wasm,
//      CSS), each gzip-compressed (level 9), from dist/;
//   2. navigation to an interactive users table of 20 rows, signed in, in
//      headless Chromium against a real edge and server on loopback (first
//      loads with an empty cache, then warm loads);
//   3. rendering a 100-row page after its data arrived: from the end of the
//      `GET /api/users` response (resource timing) to the 100th row in the DOM.
//
//   TENANTRY_PORTAL_URL=… TENANTRY_ADMIN_PASSWORD=… node tests/bench/portal.mjs
// Prints one line per figure and a JSON summary; exits 1 if a target is missed
// when TENANTRY_BENCH_STRICT=1.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const portal = process.env.TENANTRY_PORTAL_URL?.replace(/\/$/, '');
const admin = {
  username: process.env.TENANTRY_ADMIN_USERNAME ?? 'admin',
  password: process.env.TENANTRY_ADMIN_PASSWORD ?? '',
};
const RUNS = Number(process.env.TENANTRY_BENCH_RUNS ?? 15);
const TARGETS = { sizeKb: 350, tableMs: 500, renderMs: 16 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

/** index.html plus every local file it references, gzip sizes in bytes. */
async function transferSize() {
  const html = await readFile(`${dist}index.html`);
  const names = new Set(['index.html']);
  for (const [, ref] of html.toString().matchAll(/(?:href|src)="\/([^"]+\.(?:js|wasm|css))"/g)) names.add(ref);
  // The loader script imports the JS and fetches the wasm by name.
  for (const name of [...names].filter((n) => n.startsWith('boot-'))) {
    const boot = (await readFile(`${dist}${name}`)).toString();
    for (const [, ref] of boot.matchAll(/'\/([^']+\.(?:js|wasm))'/g)) names.add(ref);
  }
  // The JS glue imports the lazy-loading support (split-wasm.mjs) at start;
  // the lazily loaded screens' chunks are not part of a first visit.
  for (const name of [...names].filter((n) => n.endsWith('.js'))) {
    const code = (await readFile(`${dist}${name}`)).toString();
    for (const [, ref] of code.matchAll(/from "\.\/([^"]+\.js)"/g)) names.add(ref);
  }
  const files = {};
  for (const name of names) files[name] = gzipSync(await readFile(`${dist}${name}`), { level: 9 }).length;
  return files;
}

async function seedUsers(request, count) {
  const tag = `bench${Date.now().toString(36)}`;
  for (let i = 0; i < count; i++) {
    const response = await request.post(`${portal}/api/users`, {
      headers: { 'X-Tenantry': '1' },
      data: { username: `${tag}_${i}`, name: `Bench ${i}`, primaryEmail: `${tag}.${i}@example.com` },
    });
    if (!response.ok()) throw new Error(`seeding: ${response.status()} ${await response.text()}`);
  }
}

/** A signed-in context whose pages record when the table first has `rows` rows. */
async function signedInContext(browser) {
  const context = await browser.newContext();
  const answer = await context.request.post(`${portal}/auth/sign-in`, {
    headers: { 'X-Tenantry': '1' },
    data: admin,
  });
  if (!answer.ok()) throw new Error(`sign-in: ${answer.status()} ${await answer.text()}`);
  await context.addInitScript(() => {
    window.__rowsAt = {};
    new MutationObserver(() => {
      const rows = document.querySelectorAll('tbody tr.tn-table__row').length;
      if (rows && !(rows in window.__rowsAt)) window.__rowsAt[rows] = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  return context;
}

/** Loads `path` and returns {rowsAt, usersResponseEnd} in ms since navigation start. */
async function load(page, path, rows) {
  await page.goto(`${portal}${path}`);
  await page.waitForFunction((n) => window.__rowsAt?.[n] !== undefined, rows, { timeout: 20_000 });
  return page.evaluate((n) => {
    const users = performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname === '/api/users');
    return { rowsAt: window.__rowsAt[n], usersResponseEnd: users.at(-1)?.responseEnd };
  }, rows);
}

const sizes = await transferSize();
const totalKb = Object.values(sizes).reduce((a, b) => a + b, 0) / 1024;
const results = { sizeKb: Number(totalKb.toFixed(1)), files: sizes };
console.log(`portal transfer size (gzip): ${totalKb.toFixed(1)} KB (target < ${TARGETS.sizeKb} KB)`);
for (const [name, bytes] of Object.entries(sizes)) console.log(`  ${name}: ${(bytes / 1024).toFixed(1)} KB`);

if (portal) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const seeder = await signedInContext(browser);
  await seedUsers(seeder.request, 100);
  await seeder.close();

  // Empty cache: a fresh context (its own HTTP and compiled-wasm cache) each time.
  const cold = [];
  for (let i = 0; i < 5; i++) {
    const fresh = await signedInContext(browser);
    cold.push((await load(await fresh.newPage(), '/users', 20)).rowsAt);
    await fresh.close();
  }
  const context = await signedInContext(browser);
  const page = await context.newPage();
  await load(page, '/users', 20);
  const warm = [];
  for (let i = 0; i < RUNS; i++) warm.push((await load(page, '/users', 20)).rowsAt);
  const render = [];
  for (let i = 0; i < RUNS; i++) {
    const { rowsAt, usersResponseEnd } = await load(page, '/users?size=100', 100);
    render.push(rowsAt - usersResponseEnd);
  }
  await browser.close();
  Object.assign(results, {
    tableColdMs: Math.round(median(cold)),
    tableWarmMedianMs: Math.round(median(warm)),
    tableWarmP90Ms: Math.round(p90(warm)),
    render100MedianMs: Number(median(render).toFixed(1)),
    render100P90Ms: Number(p90(render).toFixed(1)),
  });
  console.log(`users table (20 rows) after navigation: first load (empty cache, median of 5) ${results.tableColdMs} ms, then warm median ${results.tableWarmMedianMs} ms, p90 ${results.tableWarmP90Ms} ms (target < ${TARGETS.tableMs} ms)`);
  console.log(`100-row page rendered after its data arrived: median ${results.render100MedianMs} ms, p90 ${results.render100P90Ms} ms (target < ${TARGETS.renderMs} ms)`);
} else {
  console.log('TENANTRY_PORTAL_URL is not set: timings skipped');
}
console.log(JSON.stringify(results));

const missed = [
  results.sizeKb >= TARGETS.sizeKb && 'size',
  results.tableColdMs >= TARGETS.tableMs && 'table',
  results.render100MedianMs >= TARGETS.renderMs && 'render',
].filter(Boolean);
if (missed.length && process.env.TENANTRY_BENCH_STRICT === '1') {
  console.error(`targets missed: ${missed.join(', ')}`);
  process.exit(1);
}
