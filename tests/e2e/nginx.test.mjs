// The nginx sample (hosting/nginx.conf + security-headers.conf) in front of the
// built dist/ and the edge under test: every file goes out with its MIME type,
// the policies of public/_headers (the portal's; the example host page's own),
// and the portal runs under them. The sample is rewritten for loopback only
// where it must be (no TLS, a free port, the local paths). Skipped without an
// nginx binary (NGINX, or nginx on PATH / in /usr/sbin).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchBrowser, signIn } from './support/browser.mjs';
import { admin, portal, shots, skip } from './support/env.mjs';
import { watchCsp } from './support/portal.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const nginx = [process.env.NGINX, 'nginx', '/usr/sbin/nginx'].find(
  (bin) => bin && spawnSync(bin, ['-v']).status === 0,
);
const nginxSkip = skip || (nginx ? false : 'no nginx binary');

/** The policy public/_headers gives the rule `pattern` (its last one). */
function policyOf(pattern) {
  const lines = readFileSync(join(root, 'public/_headers'), 'utf8').split('\n');
  const block = lines.slice(lines.indexOf(pattern) + 1);
  const end = block.findIndex((line) => /^\S/.test(line) && !line.startsWith('#'));
  return block
    .slice(0, end < 0 ? undefined : end)
    .map((line) => line.trim().match(/^Content-Security-Policy: (.*)$/)?.[1])
    .filter(Boolean)
    .pop();
}

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** hosting/nginx.conf on loopback `port`, serving dist/ and proxying to the edge. */
function loopbackConfig(port, prefix) {
  const edge = new URL(portal).host;
  const site = readFileSync(join(root, 'hosting/nginx.conf'), 'utf8')
    .replace(/server \{\n    listen 80;[\s\S]*?\n\}\n/, '')
    .replace('listen 443 ssl;', `listen 127.0.0.1:${port};`)
    .replace(/ *(?:listen \[::\]:443 ssl|http2 on|ssl_certificate\w*)\b[^\n]*\n/g, '')
    .replace('root /srv/tenantry/dist;', `root ${join(root, 'dist')};`)
    .replaceAll('/etc/nginx/conf.d/tenantry-security-headers.inc', join(root, 'hosting/security-headers.conf'))
    .replace('http://127.0.0.1:3000', `http://${edge}`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `${name}_temp_path ${join(prefix, name)};`)
    .join('\n');
  return `pid ${join(prefix, 'nginx.pid')};\nerror_log ${join(prefix, 'error.log')};\nevents {}\n` +
    `http {\ninclude /etc/nginx/mime.types;\naccess_log off;\n${temp}\n${site}\n}\n`;
}

let server;
let base;
let prefix;
let browser;

before(async () => {
  if (nginxSkip) return;
  prefix = mkdtempSync(join(tmpdir(), 'tenantry-nginx-'));
  const port = await freePort();
  writeFileSync(join(prefix, 'nginx.conf'), loopbackConfig(port, prefix));
  server = spawn(nginx, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    const up = await fetch(`${base}/index.html`).then(() => true, () => false);
    if (up) break;
    if (tries > 50 || server.exitCode !== null) throw new Error('nginx did not start (its messages are above)');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

test('nginx sends every file with its type and the policies of public/_headers', { skip: nginxSkip }, async () => {
  const head = (path) => fetch(`${base}${path}`, { redirect: 'manual' });
  const types = { html: 'text/html', js: '(application|text)/javascript', css: 'text/css', wasm: 'application/wasm' };
  const files = readdirSync(join(root, 'dist')).filter((name) => name.split('.').pop() in types);
  for (const name of files) {
    const response = await head(`/${name}`);
    assert.equal(response.status, 200, name);
    assert.match(response.headers.get('content-type'), new RegExp(`^${types[name.split('.').pop()]}`), name);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', name);
    const policy = name === 'embed-example.html' ? policyOf('/embed-example.html') : policyOf('/*');
    assert.equal(response.headers.get('content-security-policy'), policy, name);
  }
  for (const path of ['/', '/users/x', '/embed-example']) {
    const response = await head(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-security-policy'), policyOf('/*'), path);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
  }
  assert.equal((await head('/_headers')).status, 404);
  assert.equal((await head('/auth/session')).status, 401, 'the edge behind it');
});

test('behind nginx the portal and the example page run under their policies', { skip: nginxSkip }, async () => {
  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/users`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.screenshot({ path: `${shots}nginx-sign-in.png`, fullPage: true });
  // A session through the proxy: the edge's cookie and its users table.
  await signIn(page, admin.username, admin.password);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.goto(`${base}/users`);
  await page.locator('tr.tn-table__row').first().waitFor();
  await page.screenshot({ path: `${shots}nginx-users.png`, fullPage: true });
  await page.goto(`${base}/embed-example.html?edgeUrl=javascript:alert(1)`);
  await page.locator('#host-error').waitFor();
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});
