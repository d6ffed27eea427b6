// The benchmarks start Outcry with NODE_FLAGS; the `outcry` command and `npm start` must run with the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../bin/node-flags.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('node flags', () => {
  it('the outcry command passes every flag the benchmarks measure on its first line', () => {
    expect(read('bin/outcry.js').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
  });

  it('npm start passes the same flags', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
    expect(start).toBe(`node ${NODE_FLAGS.join(' ')} bin/outcry.js start`);
  });
});
