#!/usr/bin/env node
// The `outcry` command. Outcry runs its TypeScript sources directly on Node >= 22 (type stripping).
// When started by an older system Node, re-run with the Node that `npm install` put beside us.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  const local = join(here, '..', 'node_modules', '.bin', 'node');
  if (!existsSync(local)) {
    console.error(`outcry needs Node.js 22 or newer (this is ${process.version}); run \`npm install\` first.`);
    process.exit(1);
  }
  const r = spawnSync(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
await import('../src/main.ts');
