// The job runner of production mode, on its own: jobs sent by a web process run once in one of several
// workers, a key absorbs a repeat while its job waits or runs, a group runs one at a time per process,
// periodic work runs once per interval across all workers, and a stopping worker lets its job finish.
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import type { Db } from '../../src/db/schema.ts';
import type { Jobs } from '../../src/jobs/jobs.ts';
import { createPgBossJobs, PG_BOSS_SCHEMA } from '../../src/jobs/pg-boss-jobs.ts';
import { createTestDatabase, skipReason, type TestDatabase } from '../helpers/databases.ts';
import { until } from '../helpers/fixtures.ts';

const reason = skipReason('postgres');
if (reason) console.warn(`\n*** jobs over pg-boss: ${reason} ***\n`);

const log = { error: () => {}, warn: () => {} };

(reason ? describe.skip : describe)(`jobs over pg-boss${reason ? ` — ${reason}` : ''}`, () => {
  let database: TestDatabase;
  let db: Db;
  const running: Jobs[] = [];

  function jobs(runsWork: boolean): Jobs {
    const j = createPgBossJobs({ databaseUrl: database.databaseUrl!, runsWork, log, stopTimeoutMs: 5_000 });
    running.push(j);
    return j;
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    db = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  });

  afterAll(async () => {
    for (const j of running) await j.stop().catch(() => {});
    await db?.destroy();
    await database?.drop();
  }, 60_000);

  it('runs each job sent by a web process once, in one of the workers, and a key absorbs repeats while it waits or runs', async () => {
    const ran: { worker: string; n: number }[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const workers = ['a', 'b', 'c'].map((name) => {
      const w = jobs(true);
      w.work<{ n: number }>('test.count', async ({ n }) => {
        ran.push({ worker: name, n });
        if (n === 0) await held;
      });
      return w;
    });
    await Promise.all(workers.map((w) => w.start()));
    const web = jobs(false);
    await web.start();

    await web.send('test.count', { n: 0 }, { singletonKey: 'only' });
    await until(() => ran.length === 1, 10_000);
    // running: the same key is absorbed
    await web.send('test.count', { n: 1 }, { singletonKey: 'only' });
    for (let n = 2; n < 32; n++) await web.send('test.count', { n });
    await until(() => ran.length === 31, 15_000);
    release();
    await delay(1_000);
    expect(ran.map((r) => r.n).sort((x, y) => x - y)).toEqual([0, ...Array.from({ length: 30 }, (_, i) => i + 2)]);
    expect(new Set(ran.map((r) => r.worker)).size).toBeGreaterThan(1);
    await web.idle();
  }, 40_000);

  it('runs the jobs of one group one at a time in a process', async () => {
    let inGroup = 0;
    let most = 0;
    const w = jobs(true);
    w.work<{ n: number }>('test.grouped', async () => {
      inGroup++;
      most = Math.max(most, inGroup);
      await delay(200);
      inGroup--;
    });
    await w.start();
    for (let n = 0; n < 4; n++) await w.send('test.grouped', { n }, { singletonKey: `g:${n}`, group: 'message-1' });
    await until(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`${PG_BOSS_SCHEMA}.job`)}
        where name = 'test.grouped' and state = 'completed'`.execute(db);
      return rows[0]!.n === 4;
    }, 20_000);
    expect(most).toBe(1);
  }, 30_000);

  it('runs periodic work once per interval across all the workers', async () => {
    const runs: number[] = [];
    const workers = [jobs(true), jobs(true), jobs(true)];
    for (const w of workers) w.every('test.tick', 1_000, async () => { runs.push(Date.now()); });
    const from = Date.now();
    await Promise.all(workers.map((w) => w.start()));
    await delay(6_000);
    const seconds = (Date.now() - from) / 1000;
    const { rows } = await sql<{ repeated: number }>`select count(*)::int as repeated from (select singleton_on
      from ${sql.table(`${PG_BOSS_SCHEMA}.job`)} where name = 'test.tick' group by singleton_on having count(*) > 1) r`.execute(db);
    expect(rows[0]!.repeated).toBe(0);
    // once a second with three workers offering: no more runs than seconds, and not many missed
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    expect(runs.length).toBeGreaterThanOrEqual(Math.floor(seconds) - 2);
  }, 30_000);

  it('lets a running job finish when its worker stops', async () => {
    const w = jobs(true);
    let finished = false;
    let started = false;
    w.work<{ n: number }>('test.slow', async () => {
      started = true;
      await delay(1_500);
      finished = true;
    });
    await w.start();
    await w.send('test.slow', { n: 1 });
    await until(() => started, 10_000);
    await w.stop();
    expect(finished).toBe(true);
    const { rows } = await sql<{ state: string }>`select state::text from ${sql.table(`${PG_BOSS_SCHEMA}.job`)} where name = 'test.slow'`.execute(db);
    expect(rows.map((r) => r.state)).toEqual(['completed']);
  }, 30_000);
});
