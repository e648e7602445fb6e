// What the organization, member and embed browser tests add to env.mjs and
// browser.mjs: signing in on the way to a page, Management API calls through
// the edge with the page's session cookie and the CSRF header, seed data,
// and uncaught page errors.

import assert from 'node:assert/strict';

import { signIn } from './browser.mjs';
import { portal } from './env.mjs';

/** Signs in through the sign-in page, landing on `path`. */
export async function signInAt(page, username, password, path = '/') {
  await page.goto(`${portal}/sign-in?next=${encodeURIComponent(path)}`);
  await signIn(page, username, password);
  await page.getByTestId('signed-in-user').waitFor();
}

/** A JSON call through the edge as the page's signed-in user; asserts success. */
export async function api(page, method, path, data) {
  const response = await page.request.fetch(`${portal}${path}`, {
    method,
    headers: { 'X-Tenantry': '1' },
    data,
  });
  const text = await response.text();
  assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A new organization and `count` users with passwords `Pw-<tag>-<i>`. */
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

/** Collects uncaught page errors; the test asserts the list stays empty. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
