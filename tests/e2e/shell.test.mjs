// The built portal (dist/, from `trunk build --release`) loads in headless
// Chromium and shows the sign-in form. This is what catches a wasm module
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

test('the portal shell renders the sign-in form', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Tenantry' }).waitFor({ timeout: 15_000 });
  assert.equal(await page.title(), 'Tenantry');

  const username = page.getByLabel('Username');
  const password = page.getByLabel('Password');
  await username.fill('admin');
  await password.fill('secret');
  assert.equal(await password.getAttribute('type'), 'password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Submitting does nothing yet: no reload, the typed values stay.
  assert.equal(page.url(), baseUrl);
  assert.equal(await username.inputValue(), 'admin');
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
  await page.close();
});
