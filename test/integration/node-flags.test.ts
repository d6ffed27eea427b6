// The benchmarks start Outcry with NODE_FLAGS; the `outcry` command and `npm start` must run with the same.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../bin/node-flags.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('node flags', () => {
  it('the outcry command passes every flag the benchmarks measure on its first line', () => {
    expect(read('bin/outcry.js').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
  });

  it('keeps that first line within the 127 bytes Linux kernels before 5.1 read of it', () => {
    expect(Buffer.byteLength(read('bin/outcry.js').split('\n')[0]!)).toBeLessThanOrEqual(127);
  });

  it('every flag is one this Node accepts (a flag a Node upgrade dropped would stop outcry starting)', () => {
    expect(execFileSync(process.execPath, [...NODE_FLAGS, '-e', 'process.stdout.write("started")'], { encoding: 'utf8' })).toBe('started');
  });

  it('npm start passes the same flags', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
    expect(start).toBe(`node ${NODE_FLAGS.join(' ')} bin/outcry.js start`);
  });
});

/** A `node` on PATH, outside node_modules, older than 22 (the system's Node on the development machine). */
function olderNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, 'node');
    if (!dir || dir.includes('node_modules') || !existsSync(candidate)) continue;
    const major = Number(execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0]);
    if (major < 22) return candidate;
  }
  return undefined;
}

const older = olderNode();
const olderSkip = older ? undefined : 'no Node older than 22 on PATH, so starting the command on one was not tried';
if (olderSkip) console.warn(`*** the outcry command on an older Node: SKIPPED: ${olderSkip} ***`);

describe('the outcry command on an older Node', () => {
  it.skipIf(!older)(`${olderSkip ? `SKIPPED: ${olderSkip}: ` : ''}runs itself again with the Node that npm install put beside it`, () => {
    const help = execFileSync(older!, [fileInRepo('bin/outcry.js'), '--help'], { encoding: 'utf8' });
    expect(help).toContain('Usage: outcry');
  });
});

function fileInRepo(path: string): string {
  return new URL(`../../${path}`, import.meta.url).pathname;
}

