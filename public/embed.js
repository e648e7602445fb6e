// Loads the Tenantry portal's wasm module into a host page for the members
// widget, without mounting the portal itself. Served next to the portal
// (dist/embed.js, a stable name; the module and wasm file names carry content
// hashes, so they are read from the portal's index.html).
//
//   import { loadTenantry } from 'https://portal.example.com/embed.js';
//   const tenantry = await loadTenantry();
//   const widget = tenantry.mountMembers(element, { organizationId, edgeUrl, getToken });
//   widget.unmount();
//
// From another origin, the portal's static host must allow it with CORS
// (Access-Control-Allow-Origin on index.html, the .js, .wasm and .css files).

let loading;

/** Loads the module once; `portalUrl` defaults to where this file is served from. */
export function loadTenantry(portalUrl = new URL('.', import.meta.url).href) {
  loading ??= load(portalUrl);
  return loading;
}

async function load(portalUrl) {
  // Read by the module's entry point: do not mount the portal here.
  globalThis.TENANTRY_EMBED = true;
  const index = new URL('index.html', portalUrl);
  const response = await fetch(index);
  if (!response.ok) throw new Error(`Tenantry: ${index} answered ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const href = (selector) => {
    const link = page.querySelector(selector);
    if (!link) throw new Error(`Tenantry: ${index} has no ${selector}`);
    return new URL(link.getAttribute('href'), index).href;
  };
  const glue = await import(href('link[rel="modulepreload"]'));
  await glue.default({ module_or_path: href('link[rel="preload"][as="fetch"]') });
  const stylesheets = [...page.querySelectorAll('link[rel="stylesheet"]')].map(
    (link) => new URL(link.getAttribute('href'), index).href,
  );
  return {
    /** Renders the members of `options.organizationId` into `element`. */
    mountMembers(element, options) {
      return glue.mountMembers(element, { stylesheets, ...options });
    },
  };
}
