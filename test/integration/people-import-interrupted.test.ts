// A background import whose process is killed (SIGKILL, nothing to clean up) midway: when Outcry starts
// again the import is recorded as failed, interrupted, and every batch it had stored is still there.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/config.ts';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { manualClock, systemClock } from '../../src/lib/clock.ts';
import { createApiToken } from '../../src/modules/accounts/index.ts';
import { createRuntime } from '../../src/runtime.ts';
import { createTestDatabase, dialects, skipReason } from '../helpers/databases.ts';
import { until } from '../helpers/fixtures.ts';
import { freePort } from '../helpers/test-app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROWS = 300_000;

const children: ChildProcess[] = [];
afterAll(() => { for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL'); });

for (const dialect of dialects) {
  const reason = skipReason(dialect);
  (reason ? describe.skip : describe)(`an interrupted import [${dialect}]${reason ? ` — ${reason}` : ''}`, () => {
    it('is recorded as interrupted on the next start, with what it stored kept', async () => {
      const database = await createTestDatabase(dialect);
      const db = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
      try {
        await migrateToLatest(db);
        const { token } = await createApiToken({ db, clock: systemClock }, 'interrupted');
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const env = {
          ...process.env, OUTCRY_DATA: database.dataDir, PORT: String(port), PUBLIC_URL: url, LOG_LEVEL: 'warn', HOST: '127.0.0.1',
          PUBLIC_POSTS_POLL_SECONDS: '0', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
        };
        const output: string[] = [];
        const child = spawn(process.execPath, [`${ROOT}bin/outcry.js`, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
        children.push(child);
        child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
        child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
        await until(async () => {
          if (child.exitCode !== null) throw new Error(`outcry exited: ${output.join('')}`);
          return (await fetch(`${url}/ready`).catch(() => undefined))?.status === 200;
        }, 30_000);

        const lines = ['email,first_name'];
        for (let i = 0; i < ROWS; i++) lines.push(`killed-${i}@imports.example.org,Person ${i}`);
        const started = await fetch(`${url}/api/v1/imports`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: lines.join('\n'),
        });
        expect(started.status).toBe(202);
        const { id } = await started.json() as { id: number };
        const row = () => db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await until(async () => (await row()).rows_done >= 1000, 60_000);
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
        const atKill = await row();
        expect(atKill.status).toBe('running');
        expect(atKill.rows_done).toBeLessThan(ROWS);

        // the next start, a minute on: the import's heartbeat has long stopped
        const clock = manualClock(new Date(Date.now() + 60_000));
        const config = readConfig({ OUTCRY_DATA: database.dataDir, LOG_LEVEL: 'warn', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) });
        const runtime = await createRuntime(config, { web: true, worker: false, clock, logger: false });
        try {
          const stored = await row();
          expect(stored).toMatchObject({ status: 'failed' });
          expect(stored.error).toMatch(/^interrupted/);
          expect(stored.finished_at).not.toBeNull();
          const shown = await runtime.app.inject({ url: `/api/v1/imports/${id}`, headers: { authorization: `Bearer ${token}` } });
          expect(shown.json()).toMatchObject({ status: 'failed', rows_done: stored.rows_done, added: stored.added });
          // every batch counted is stored; at most the one committed as the process died is not yet counted
          const { n } = (await sql<{ n: number }>`select count(*) as n from people`.execute(db)).rows[0]!;
          expect(Number(n)).toBeGreaterThanOrEqual(stored.added);
          expect(Number(n)).toBeLessThanOrEqual(stored.added + 500);
          expect(stored.added).toBeGreaterThanOrEqual(1000);
        } finally {
          await runtime.close();
        }
      } finally {
        await db.destroy();
        await database.drop();
      }
    }, 180_000);
  });
}
