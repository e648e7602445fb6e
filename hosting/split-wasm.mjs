// trunk post_build hook: splits the portal's wasm so a first visit downloads
// only the shell, sign-in, users and members screens. The other screens are
// Leptos lazy routes (`#[lazy_route]` in src/lazy_screens.rs); their code goes
// to chunks fetched when first opened.
//
// trunk cannot split, so this replaces what it wrote: wasm-split-cli (crate
// wasm_split_cli_support, installed by `cargo xtask setup`) splits the module
// cargo linked with relocations (build.rs), then wasm-bindgen and wasm-opt
// process the main part under trunk's hashed names, and index.html's
// integrity hashes are recomputed. The chunks and their loader get content
// hashes in their names, like trunk's files.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run me from trunk');
const digest = (algorithm, bytes, encoding) => createHash(algorithm).update(bytes).digest(encoding);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });

const glue = (await readdir(dir)).find((f) => /^tenantry-portal-[0-9a-f]+\.js$/.test(f));
if (!glue) throw new Error(`split-wasm: no tenantry-portal-<hash>.js in ${dir}`);
const stem = glue.slice(0, -'.js'.length);

const { target_directory: target } = JSON.parse(
  execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { encoding: 'utf8' }),
);
const linked = join(target, 'wasm32-unknown-unknown', process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'portal-release', 'tenantry-portal.wasm');

const work = await mkdtemp(join(tmpdir(), 'tenantry-split-'));
try {
  const split = join(work, 'split');
  run('wasm-split-cli', ['--out-name', stem, linked, split]);
  const bound = join(work, 'bound');
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-name', stem, '--out-dir', bound, join(split, `${stem}.wasm`)]);
  // One -Oz pass: `--converge` took twice as long for a gzip size within 0.1%.
  run('wasm-opt', [
    '-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types',
    '-o', join(dir, `${stem}_bg.wasm`), join(bound, `${stem}_bg.wasm`),
  ]);
  // Every file gets a content hash in its name, so hosts may cache it for good.
  const hashed = (name, bytes) => name.replace(/(\.\w+)$/, `-${digest('sha256', bytes, 'hex').slice(0, 16)}$1`);
  let loader = await readFile(join(split, '__wasm_split.js'), 'utf8');
  const chunks = (await readdir(split)).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
  for (const file of chunks) {
    const bytes = await readFile(join(split, file));
    const name = hashed(file, bytes);
    loader = loader.replaceAll(`"./${file}"`, `"./${name}"`);
    await writeFile(join(dir, name), bytes);
  }
  const loaderName = hashed('__wasm_split.js', loader);
  await writeFile(join(dir, loaderName), loader);
  const glueCode = await readFile(join(bound, `${stem}.js`), 'utf8');
  // Only the JS imports change: the wasm's import object keeps the module's own name.
  await writeFile(join(dir, glue), glueCode.replaceAll('from "./__wasm_split.js"', `from "./${loaderName}"`));
  console.log(`split-wasm: ${stem}_bg.wasm, ${loaderName} and ${chunks.length} lazily loaded chunks`);
} finally {
  await rm(work, { recursive: true, force: true });
}

// The preload links carry subresource-integrity hashes of trunk's files.
const indexPath = join(dir, 'index.html');
const html = await readFile(indexPath, 'utf8');
const sri = async (file) => `sha384-${digest('sha384', await readFile(join(dir, file)), 'base64')}`;
let rewritten = html;
for (const file of [glue, `${stem}_bg.wasm`]) {
  const link = new RegExp(`(href="/${file.replace('.', '\\.')}"[^>]*integrity=")[^"]*(")`);
  if (!link.test(rewritten)) throw new Error(`split-wasm: index.html has no integrity for ${file}`);
  rewritten = rewritten.replace(link, `$1${await sri(file)}$2`);
}
await writeFile(indexPath, rewritten);
