// The built portal (dist/, from `trunk build --release`) loads in headless
// Chromium, sends a signed-out visitor to the sign-in form and talks to the
// edge's routes. This is what catches a wasm module
// that builds but does not run (as Debian's wasm-opt 108 produced).
//
//   node --test tests/e2e/     (after trunk build; cargo xtask test does both)

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Serves dist/ on a free loopback port; unknown paths get index.html (SPA). */
const serveDist = () =>
  new Promise((resolve) => {
    const server = createServer(async (req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
      const file = path.endsWith('/') || !extname(path) ? 'index.html' : path;
      try {
        const body = await readFile(join(dist, file));
        res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

let server;
let browser;
let baseUrl;

before(async () => {
  server = await serveDist();
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('signed out, the portal sends you to sign in and reports a missing edge', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const writes = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET') writes.push(request);
  });

  // Only dist/ is served: no edge answers /auth/session with JSON.
  await page.goto(`${baseUrl}users?q=ann`);
  await page.getByRole('heading', { name: 'Tenantry' }).waitFor({ timeout: 15_000 });
  assert.equal(await page.title(), 'Tenantry');
  await page.waitForURL(/\/sign-in\?next=%2Fusers%3Fq%3Dann$/);

  const username = page.getByLabel('Username');
  const password = page.getByLabel('Password');
  await username.fill('admin');
  await password.fill('secret');
  assert.equal(await password.getAttribute('type'), 'password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  // The sign-in request carried the CSRF header; the answer was not the
  // edge's, so an error is shown and the form keeps what was typed.
  await page.getByRole('alert').filter({ hasText: 'could not be read' }).waitFor();
  const signIn = writes.find((r) => new URL(r.url()).pathname === '/auth/sign-in');
  assert.ok(signIn, 'POST /auth/sign-in was sent');
  assert.equal(signIn.headers()['x-tenantry'], '1');
  assert.deepEqual(JSON.parse(signIn.postData()), { username: 'admin', password: 'secret' });
  assert.match(page.url(), /\/sign-in/);
  assert.equal(await username.inputValue(), 'admin');
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
  await page.close();
});
