// The example host page's script: load the widget and mount it with a token
// from the host's own backend. The embed key never reaches the browser: the
// backend calls the edge's POST /embed/tokens with it, for the signed-in
// customer's organization, and hands the browser only the short-lived token.
//
// For trying it out, the edge and the token route may be given in the page's
// query; only http(s) addresses are taken (no javascript:, data: or other
// schemes). A real host page hard-codes both.

import { loadTenantry } from './embed.js';

const params = new URLSearchParams(location.search);
const organizationId = params.get('organizationId') ?? '';

/** The query's `name` as an absolute http(s) URL, `fallback` when absent. */
function httpUrlParam(name, fallback) {
  const value = params.get(name);
  if (value === null) return fallback;
  let url;
  try {
    url = new URL(value, location.href);
  } catch {
    throw new Error(`${name} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${name} must be an http or https URL, not ${url.protocol}`);
  }
  return url.href;
}

function showError(message) {
  const box = document.getElementById('host-error');
  box.textContent = message;
  box.hidden = false;
}

async function start() {
  const edgeUrl = httpUrlParam('edgeUrl', location.origin);
  // The host backend's route that answers {token, expiresAt}.
  const tokenUrl = new URL(httpUrlParam('tokenUrl', '/host-backend/embed-token'), location.href);
  tokenUrl.searchParams.set('organizationId', organizationId);

  async function getToken() {
    const response = await fetch(tokenUrl);
    if (!response.ok) throw new Error(`The token route answered ${response.status}`);
    return response.json();
  }

  const tenantry = await loadTenantry();
  tenantry.mountMembers(document.getElementById('members'), { organizationId, edgeUrl, getToken });
}

try {
  await start();
} catch (error) {
  showError(`The members widget could not start: ${error.message}`);
}
