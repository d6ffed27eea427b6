// `outcry worker` as an operator runs it: a process of its own that keeps working until it is told to stop.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('outcry worker on the embedded database', () => {
  it('keeps running with nothing to do, and stops cleanly when told to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outcry-worker-'));
    dirs.push(dir);
    const child = spawn(process.execPath, [`${ROOT}bin/outcry.js`, 'worker'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OUTCRY_DATA: dir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    });
    const output: string[] = [];
    child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    try {
      const early = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 5_000))]);
      expect(early, output.join('')).toBe('running');
      expect(output.join('')).toContain('Outcry worker is running.');
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
