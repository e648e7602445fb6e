// trunk post_build hook: moves the inline module script trunk writes into
// index.html (it loads the wasm) into a content-hashed file, so the
// Content-Security-Policy can say `script-src 'self'` with no hash that
// changes every build, on any static host.
//
// trunk runs it with TRUNK_STAGING_DIR set (Trunk.toml [[hooks]]).

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run me from trunk');
const indexPath = join(dir, 'index.html');
const html = await readFile(indexPath, 'utf8');

const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const files = [];
const rewritten = html.replace(inline, (_, code) => {
  const name = `boot-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  files.push({ name, code: code.trim() + '\n' });
  return `<script type="module" src="/${name}"></script>`;
});
for (const { name, code } of files) await writeFile(join(dir, name), code);
await writeFile(indexPath, rewritten);
console.log(`externalize-boot: ${files.map((f) => f.name).join(', ') || 'no inline script'}`);
