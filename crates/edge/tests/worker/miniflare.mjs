// Runs the built edge Worker (crates/edge-worker/build) in workerd through miniflare on
// loopback, for the edge's tests and the portal's browser tests. Prints
// `listening <url>` once ready, relays the Worker's console lines, and stops on
// SIGTERM/SIGINT, or when stdin closes (its parent is gone) if asked to watch it.
//
// Environment:
//   TENANTRY_WORKER_BINDINGS  JSON object of vars and secrets (the edge's settings)
//   TENANTRY_WORKER_PORT      port to listen on (default: any free port)
//   TENANTRY_WORKER_ASSETS    a directory served as static assets, as wrangler.toml's [assets];
//                             miniflare itself reads its _headers (and _redirects) as wrangler does
//   TENANTRY_WORKER_WATCH_STDIN=1  stop when stdin closes
//   TENANTRY_WORKER_TEST_CLOCK=1  wraps the Worker so that POST /__test/clock?advance_ms=N
//                             moves its Date.now() forward (the tests' idle timeouts)
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Log, LogLevel, Miniflare } from "miniflare";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const build = join(root, "crates/edge-worker/build");
const wrangler = readFileSync(join(root, "wrangler.toml"), "utf8");
const compatibilityDate = wrangler.match(/^compatibility_date\s*=\s*"([^"]+)"/m)[1];
const runWorkerFirst = JSON.parse(wrangler.match(/^run_worker_first\s*=\s*(\[.*\])/m)[1]);
const notFoundHandling = wrangler.match(/^not_found_handling\s*=\s*"([^"]+)"/m)[1];
const htmlHandling = wrangler.match(/^html_handling\s*=\s*"([^"]+)"/m)[1];

const clockEntry = `
import Edge from "./index.js";
let offset = 0;
const realNow = Date.now;
Date.now = () => realNow() + offset;
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/__test/clock") {
      offset += Number(url.searchParams.get("advance_ms"));
      return new Response(null, { status: 204 });
    }
    return new Edge(ctx, env).fetch(request);
  },
};`;

const modules = [
  { type: "ESModule", path: join(build, "index.js") },
  { type: "CompiledWasm", path: join(build, "index_bg.wasm") },
];
if (process.env.TENANTRY_WORKER_TEST_CLOCK === "1") {
  modules.unshift({ type: "ESModule", path: join(build, "test-clock.mjs"), contents: clockEntry });
}

const assetsDir = process.env.TENANTRY_WORKER_ASSETS;
const mf = new Miniflare({
  modules,
  modulesRoot: build,
  compatibilityDate,
  bindings: JSON.parse(process.env.TENANTRY_WORKER_BINDINGS ?? "{}"),
  cf: false,
  log: new Log(LogLevel.WARN),
  host: "127.0.0.1",
  port: Number(process.env.TENANTRY_WORKER_PORT ?? 0),
  assets: assetsDir && {
    directory: assetsDir,
    binding: "ASSETS",
    routerConfig: { has_user_worker: true, static_routing: { user_worker: runWorkerFirst } },
    assetConfig: { not_found_handling: notFoundHandling, html_handling: htmlHandling },
  },
});
const url = await mf.ready;
console.log(`listening ${url.origin}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await mf.dispose();
  process.exit(0);
}
if (process.env.TENANTRY_WORKER_WATCH_STDIN === "1") {
  process.stdin.on("end", stop);
  process.stdin.resume();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
