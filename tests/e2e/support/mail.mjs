// Mail caught by the real SMTP server cargo xtask e2e runs (aiosmtpd with
// crates/server/tests/it/smtp/capture.py): one JSON file per message in
// TENANTRY_E2E_MAIL_DIR, with to, subject, text, html and rcpt_tos.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const mailDir = process.env.TENANTRY_E2E_MAIL_DIR;

/** The first message to `to` whose subject contains `subjectIncludes`, waiting up to `timeoutMs`. */
export async function waitForMail({ to, subjectIncludes = '', timeoutMs = 15_000 }) {
  if (!mailDir) throw new Error('TENANTRY_E2E_MAIL_DIR is not set: no SMTP server to read from');
  const deadline = Date.now() + timeoutMs;
  const wanted = to.toLowerCase();
  while (Date.now() < deadline) {
    for (const name of (await readdir(mailDir)).filter((n) => n.endsWith('.json')).sort()) {
      const mail = JSON.parse(await readFile(join(mailDir, name), 'utf8'));
      const recipients = (mail.rcpt_tos ?? []).map((r) => r.toLowerCase());
      if (recipients.includes(wanted) && mail.subject.includes(subjectIncludes)) return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to} with "${subjectIncludes}" in its subject within ${timeoutMs} ms`);
}

/** Path and query of the first http(s) link in the mail's text, to open on the portal under test. */
export function linkFrom(mail) {
  const found = (mail.text ?? mail.html ?? '').match(/https?:\/\/[^\s"'<>]+/);
  if (!found) throw new Error(`no link in mail "${mail.subject}"`);
  const url = new URL(found[0].replace(/&amp;/g, '&'));
  return url.pathname + url.search;
}
