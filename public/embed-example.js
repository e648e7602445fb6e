// The example host page's script: load the widget and mount it with a token
// from the host's own backend. The embed key never reaches the browser: the
// backend calls the edge's POST /embed/tokens with it, for the signed-in
// customer's organization, and hands the browser only the short-lived token.

import { loadTenantry } from './embed.js';

const params = new URLSearchParams(location.search);
const organizationId = params.get('organizationId') ?? '';
const edgeUrl = params.get('edgeUrl') ?? location.origin;
// The host backend's route that answers {token, expiresAt}.
const tokenUrl = params.get('tokenUrl') ?? '/host-backend/embed-token';

async function getToken() {
  const response = await fetch(`${tokenUrl}?organizationId=${encodeURIComponent(organizationId)}`);
  if (!response.ok) throw new Error(`The token route answered ${response.status}`);
  return response.json();
}

try {
  const tenantry = await loadTenantry();
  tenantry.mountMembers(document.getElementById('members'), { organizationId, edgeUrl, getToken });
} catch (error) {
  const box = document.getElementById('host-error');
  box.textContent = `The members widget could not start: ${error.message}`;
  box.hidden = false;
}
