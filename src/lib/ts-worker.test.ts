import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTsWorker } from './ts-worker.ts';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'outcry-ts-worker-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): URL {
  writeFileSync(join(dir, name), text);
  return pathToFileURL(join(dir, name));
}

function firstMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', (m) => { void worker.terminate(); resolve(m); });
    worker.once('error', reject);
  });
}

describe('startTsWorker', () => {
  it('runs a TypeScript entry and what it imports without loading the type stripper in the thread', async () => {
    file('answer.ts', 'export const answer: number = 42;\n');
    file('later.ts', 'export const later = (n: number): number => n + 1;\n');
    const entry = file('entry.ts', [
      "import { parentPort, workerData } from 'node:worker_threads';",
      "import { answer } from './answer.ts';",
      'interface Data { x: number }',
      'const { x } = workerData as Data;',
      "const { later } = await import(workerData.module as string) as { later(n: number): number };",
      'parentPort!.postMessage({ answer, x, later: later(x), keys: Object.keys(workerData), url: import.meta.url,',
      "  stripper: process.moduleLoadList.filter((m) => m.includes('amaro')).length });",
    ].join('\n'));
    const module = pathToFileURL(join(dir, 'later.ts')).href;
    const got = await firstMessage(startTsWorker(entry, { workerData: { x: 1, module }, alsoImports: [module] }));
    expect(got).toEqual({ answer: 42, x: 1, later: 2, keys: ['x', 'module'], url: entry.href, stripper: 0 });
  });

  it('still runs a file it was not given, stripped in the thread', async () => {
    file('unlisted.ts', 'export const n: number = 7;\n');
    const entry = file('entry.ts', [
      "import { parentPort } from 'node:worker_threads';",
      "const name = './unlisted' + '.ts';",
      'const { n } = await import(name) as { n: number };',
      'parentPort!.postMessage(n);',
    ].join('\n'));
    expect(await firstMessage(startTsWorker(entry))).toBe(7);
  });

  it('refuses workerData that is not an object, which the sources could not travel beside', () => {
    const entry = file('entry.ts', 'export {};\n');
    expect(() => startTsWorker(entry, { workerData: 'text' })).toThrow(/workerData must be an object/);
    expect(() => startTsWorker(entry, { workerData: [1, 2] })).toThrow(/workerData must be an object/);
  });

  it('reports an import that is missing as the thread\'s error, naming the file', async () => {
    const entry = file('entry.ts', "import { gone } from './gone.ts';\nconsole.log(gone);\n");
    await expect(firstMessage(startTsWorker(entry))).rejects.toThrow(/gone\.ts/);
  });

  it('gives the thread the young generation its resourceLimits ask for, though the process sets a larger one', async () => {
    v8.setFlagsFromString('--max-semi-space-size=32'); // as bin/node-flags.js does for the main thread
    const entry = file('entry.ts', [
      "import { parentPort } from 'node:worker_threads';",
      "import v8 from 'node:v8';",
      'let kept: object[] = [];',
      "for (let i = 0; i < 2_000_000; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 20_000) kept = []; }",
      "parentPort!.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size / 1048576);",
    ].join('\n'));
    const youngMb = await firstMessage(startTsWorker(entry, { resourceLimits: { maxYoungGenerationSizeMb: 8 } })) as number;
    expect(youngMb).toBeGreaterThan(0);
    expect(youngMb).toBeLessThanOrEqual(8);
  });
});
