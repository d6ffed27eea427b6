#!/usr/bin/env -S node --max-semi-space-size=32 --no-allocation-site-pretenuring --heap-growing-percent=30
// The `outcry` command. Outcry runs its TypeScript sources directly on Node >= 22 (type stripping).
// When started by an older system Node, re-run with the Node that `npm install` put beside us.
// The flags on the first line are NODE_FLAGS (node-flags.js); npm start passes the same (test/integration/node-flags.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import module from 'node:module';
import { COMPILE_CACHE_DIR } from './compile-cache.js';
import { NODE_FLAGS } from './node-flags.js';

const here = dirname(fileURLToPath(import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  const local = join(here, '..', 'node_modules', '.bin', 'node');
  if (!existsSync(local)) {
    console.error(`outcry needs Node.js 22 or newer (this is ${process.version}); run \`npm install\` first.`);
    process.exit(1);
  }
  const r = spawnSync(local, [...NODE_FLAGS, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
// the modules' compiled code is kept between runs; a folder that cannot be written only means no cache.
// Not a named import: Node 20 has no enableCompileCache, and must get as far as the re-run above.
module.enableCompileCache?.(COMPILE_CACHE_DIR);
await import('../src/main.ts');
