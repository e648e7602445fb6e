// Headless Debian Chromium through playwright-core, and the sign-in form.

import { mkdir } from 'node:fs/promises';

import { chromium } from 'playwright-core';

import { shots } from './env.mjs';

export async function launchBrowser() {
  await mkdir(shots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

/** Fills and submits the sign-in form on `page`. */
export async function signIn(page, username, password) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Saves a full-page screenshot of `page` as target/screenshots/<name>.png. */
export const screenshot = (page, name) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
