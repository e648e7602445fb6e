// What the organization, member and embed browser tests share: the
// environment, a browser, signing in, and Management API calls through the
// edge with the signed-in page's cookie and the CSRF header.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const portal = process.env.TENANTRY_PORTAL_URL?.replace(/\/$/, '');
export const admin = {
  username: process.env.TENANTRY_ADMIN_USERNAME ?? 'admin',
  password: process.env.TENANTRY_ADMIN_PASSWORD ?? '',
};
export const shots = fileURLToPath(new URL('../../../target/screenshots/', import.meta.url));
export const skip = portal ? false : 'TENANTRY_PORTAL_URL is not set: no edge to test against';

/** A short random suffix, so parallel and repeated runs never collide. */
export function uniqueTag(prefix) {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function launch() {
  await mkdir(shots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      // The embed test collects garbage on purpose.
      '--js-flags=--expose-gc',
    ],
  });
}

/** Signs in through the sign-in page and waits for the signed-in layout. */
export async function signIn(page, username, password, path = '/') {
  await page.goto(`${portal}/sign-in?next=${encodeURIComponent(path)}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor();
}

/** A JSON call through the edge as the page's signed-in user; asserts success. */
export async function api(page, method, path, data) {
  const response = await page.request.fetch(`${portal}${path}`, {
    method,
    headers: { 'X-Tenantry': '1' },
    data,
  });
  assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A new organization and `count` users with passwords; returns their ids. */
export async function seed(page, tag, count) {
  const org = await api(page, 'POST', '/api/organizations', { name: `Org ${tag}` });
  const users = [];
  for (let i = 0; i < count; i++) {
    users.push(
      await api(page, 'POST', '/api/users', {
        username: `${tag}_${i}`,
        name: `Person ${tag} ${i}`,
        primaryEmail: `${tag}.${i}@example.com`,
        password: `Pw-${tag}-${i}`,
      }),
    );
  }
  return { org, users };
}

/** Fails on uncaught page errors. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
