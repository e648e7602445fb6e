// Helpers of the roles, resources, applications, audit and dashboard tests.

import { signInAt } from './api.mjs';
import { admin } from './env.mjs';

/** A signed-in admin page in a fresh context; uncaught errors go to `errors`. */
export async function adminPage(browser, errors) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await signInAt(page, admin.username, admin.password);
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
