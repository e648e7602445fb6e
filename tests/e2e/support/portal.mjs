// Helpers of the account, lockout, recovery and CSP browser tests (env.mjs and
// browser.mjs hold what every test needs): a signed-in page, calls through the
// edge with its session, new users, toasts, and a watch for
// Content-Security-Policy violations.

import { api } from './api.mjs';
import { signIn } from './browser.mjs';
import { admin, portal, uniqueTag } from './env.mjs';

/** A fresh browser context signed in as `who` (the admin by default), on `path`. */
export async function signedInPage(browser, who = admin, path = '/') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${portal}/sign-in`);
  await signIn(page, who.username, who.password);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  if (path !== '/') await page.goto(`${portal}${path}`);
  return page;
}

/** `signedInPage` as the admin, its uncaught errors collected in `errors`. */
export async function adminPage(browser, errors) {
  const page = await signedInPage(browser);
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

/** A new user with a password, optionally a tenant admin (so they can sign in). */
export async function createUser(adminPage, { tenantAdmin = false, email = true } = {}) {
  const username = uniqueTag('e2e_');
  const password = `Pw-${uniqueTag('')}`;
  const user = await api(adminPage, 'POST', '/api/users', {
    username,
    password,
    name: `Tess ${username}`,
    ...(email ? { primaryEmail: `${username}@example.com` } : {}),
  });
  if (tenantAdmin) {
    const roles = await api(adminPage, 'GET', '/api/roles?search.name=tenant-admin&mode.name=exact');
    const role = roles.find((r) => r.name === 'tenant-admin');
    await api(adminPage, 'POST', `/api/users/${user.id}/roles`, { roleIds: [role.id] });
  }
  return { ...user, username, password };
}

/** The newest toast's text; the toast is dismissed. */
export async function toast(page) {
  const message = page.locator('.tn-toast__message').last();
  await message.waitFor();
  const text = await message.innerText();
  await page.getByRole('button', { name: 'Dismiss' }).last().click();
  return text;
}

/**
 * Records Content-Security-Policy violations on every page of `context`:
 * `securitypolicyviolation` events and console errors about the policy.
 * Returns the list it fills.
 */
export async function watchCsp(context) {
  const violations = [];
  await context.exposeBinding('__tnCspViolation', ({ page }, text) =>
    violations.push(`${page.url()}: ${text}`),
  );
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__tnCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  context.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) {
      violations.push(`${message.page()?.url()}: ${text}`);
    }
  });
  return violations;
}
