// Helpers of the roles, resources, applications, audit and dashboard tests.

import { admin, portal } from './env.mjs';
import { signIn } from './browser.mjs';

/** A signed-in admin page in a fresh context; uncaught errors go to `errors`. */
export async function adminPage(browser, errors) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${portal}/sign-in`);
  await signIn(page, admin.username, admin.password);
  await page.getByRole('link', { name: 'Users', exact: true }).waitFor();
  return page;
}

/** The newest toast's message; the toast is dismissed. */
export async function toast(page) {
  const message = page.locator('.tn-toast__message').last();
  await message.waitFor();
  const text = await message.innerText();
  await page.getByRole('button', { name: 'Dismiss' }).last().click();
  return text;
}

/** A write through the edge as the signed-in admin; returns the JSON answer. */
export async function apiWrite(page, method, path, data) {
  const response = await page.request.fetch(`${portal}${path}`, {
    method,
    headers: { 'X-Tenantry': '1' },
    data,
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.status() === 204 ? null : response.json();
}
