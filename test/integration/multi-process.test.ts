// Production mode: on PostgreSQL, two `outcry start --web-only` processes and three `outcry worker`
// processes share the work through pg-boss. A message to 20,000 people is sent by several workers at
// once; one of them is killed with SIGKILL midway. Everyone must get the mail, repeats must stay within
// what the dead worker had in flight, a message scheduled during the test must start once and reach each
// of its people once, the two-second tick must run at most once per slot, and the survivors must stop
// cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import type { Db } from '../../src/db/schema.ts';
import { PG_BOSS_SCHEMA } from '../../src/jobs/pg-boss-jobs.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { createApiToken } from '../../src/modules/accounts/index.ts';
import { OUTCOME_BATCH } from '../../src/modules/messages/outcome-writer.ts';
import { MAILS_IN_FLIGHT_PER_CONNECTION } from '../../src/modules/messages/send-loop.ts';
import { createTestDatabase, skipReason, type TestDatabase } from '../helpers/databases.ts';
import { startFaultySmtp, type FaultySmtp } from '../helpers/faulty-smtp.ts';
import { addSupporters, until } from '../helpers/fixtures.ts';
import { freePort } from '../helpers/test-app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RECIPIENTS = Number(process.env.OUTCRY_TEST_MP_RECIPIENTS || 20_000);
const LATER = 300;
const CONNECTIONS = 4;
const LEASE_MS = 3_000;
// what a killed worker can have handed to the relay without having written it down: its send window
// (SMTP_CONNECTIONS * MAILS_IN_FLIGHT_PER_CONNECTION mails in flight) and the outcomes in its writer (below two batches); one slot of
// a message per process, so one window
const IN_FLIGHT_WINDOW = CONNECTIONS * MAILS_IN_FLIGHT_PER_CONNECTION + 2 * OUTCOME_BATCH;

type Outcry = ChildProcess & { output: string[]; name: string };

const reason = skipReason('postgres');
if (reason) console.warn(`\n*** several web and worker processes on PostgreSQL: ${reason} ***\n`);

(reason ? describe.skip : describe)(`several web and worker processes on PostgreSQL${reason ? ` — ${reason}` : ''}`, () => {
  let relay: FaultySmtp;
  let database: TestDatabase;
  let db: Db;
  let token: string;
  const children: Outcry[] = [];

  function startOutcry(name: string, args: string[], env: Record<string, string> = {}): Outcry {
    // process.execPath: the Node running the tests, so bin/outcry.js runs in this very process (the pid we kill)
    const child = spawn(process.execPath, [`${ROOT}bin/outcry.js`, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: database.databaseUrl!,
        OUTCRY_DATA: database.dataDir,
        SMTP_URL: relay.url,
        SMTP_CONNECTIONS: String(CONNECTIONS),
        OUTCRY_SEND_LEASE_MS: String(LEASE_MS),
        OUTCRY_SEND_PARALLEL: '4',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        ...env,
      },
    });
    const output: string[] = [];
    child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    const outcry = Object.assign(child, { output, name });
    children.push(outcry);
    return outcry;
  }

  async function startWeb(name: string): Promise<{ process: Outcry; url: string }> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const web = startOutcry(name, ['start', '--web-only'], { PORT: String(port), PUBLIC_URL: url });
    await until(async () => {
      if (web.exitCode !== null) throw new Error(`${name} exited with ${web.exitCode}`);
      return (await fetch(`${url}/ready`).catch(() => undefined))?.status === 200;
    }, 30_000)
      .catch((err: Error) => { throw new Error(`${err.message}: ${name} said ${web.output.join('')}`); });
    return { process: web, url };
  }

  async function startWorker(name: string): Promise<Outcry> {
    const worker = startOutcry(name, ['worker']);
    await until(() => {
      if (worker.exitCode !== null) throw new Error(`${name} exited with ${worker.exitCode}`);
      return worker.output.join('').includes('Outcry worker is running.');
    }, 30_000)
      .catch((err: Error) => { throw new Error(`${err.message}: ${name} said ${worker.output.join('')}`); });
    return worker;
  }

  async function api(base: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() as any };
  }

  beforeAll(async () => {
    relay = await startFaultySmtp();
    database = await createTestDatabase('postgres');
    db = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    await migrateToLatest(db);
    token = (await createApiToken({ db, clock: systemClock }, 'multi-process')).token;
    // supporters go straight into the table: the import has its own tests
    for (let start = 0; start < RECIPIENTS; start += 1_000) {
      const n = Math.min(1_000, RECIPIENTS - start);
      await addSupporters(db, Array.from({ length: n }, (_, i) => ({ email: `mp-${start + i}@example.org`, given_name: `P${start + i}`, tags: ['mp'] })));
    }
    await addSupporters(db, Array.from({ length: LATER }, (_, i) => ({ email: `later-${i}@example.org`, given_name: `L${i}`, tags: ['later'] })));
  }, 120_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await db?.destroy();
    await relay?.close();
    await database?.drop();
  }, 60_000);

  it('sends 20,000 mails from three workers, survives one killed midway, runs schedules once and stops cleanly', async () => {
    const began = Date.now();
    const [web1, web2] = await Promise.all([startWeb('web-1'), startWeb('web-2')]);
    const first = await startWorker('worker-1');
    const startedAt = Date.now();

    // composed on one web process, sent from the other
    const created = await api(web1.url, 'POST', '/api/v1/messages', { subject: 'Sunday', body: 'Hi {{ first_name }}', targets: { tags: ['mp'] } });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect((await api(web2.url, 'POST', `/api/v1/messages/${id}/send`)).status).toBe(202);

    // how many send jobs of the message run at once until the kill: a process runs one slot of a message
    // at a time, so this is how many workers send it together (a slot a process fetched beyond that is
    // handed back within milliseconds, hence the 300 ms)
    let mostActive = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`${PG_BOSS_SCHEMA}.job`)}
          where name = 'messages.send-message' and state = 'active' and data->>'messageId' = ${String(id)}
            and started_on < now() - interval '300 milliseconds'`.execute(db);
        mostActive = Math.max(mostActive, rows[0]!.n);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // the first worker is sending before the others start, so the one killed surely has mails in flight
    await relay.waitFor(200, 30_000).catch((err: Error) => { throw new Error(`${err.message}; worker-1 said ${first.output.join('')}`); });
    const others = await Promise.all([startWorker('worker-2'), startWorker('worker-3')]);
    const killAt = Math.max(relay.accepted.length + 2_000, Math.round(RECIPIENTS / 3));
    let acceptedAtKill = 0;
    relay.onAccepted = (_mail, count) => {
      if (count === killAt) {
        acceptedAtKill = count;
        first.kill('SIGKILL');
      }
    };
    await relay.waitFor(killAt, 60_000);
    watching = false;
    await watcher;
    await exited(first);
    relay.onAccepted = undefined;
    expect(first.signalCode).toBe('SIGKILL');
    const killedAfterMs = Date.now() - startedAt;

    // a message scheduled a few seconds ahead, while the big one is still going out
    const later = await api(web2.url, 'POST', '/api/v1/messages', { subject: 'Later', body: 'Hello {{ first_name }}', targets: { tags: ['later'] } });
    const laterId = later.body.id as number;
    const at = new Date(Date.now() + 3_000).toISOString();
    const scheduled = await api(web1.url, 'POST', `/api/v1/messages/${laterId}/send`, { at });
    expect(scheduled.status).toBe(202);
    expect(scheduled.body.status).toBe('scheduled');

    const statusOf = async (m: number) => (await api(web1.url, 'GET', `/api/v1/messages/${m}`)).body;
    // asked four times a second: the statistics behind the answer count 20,000 recipients
    await until(async () => {
      await new Promise((r) => setTimeout(r, 250));
      return (await statusOf(id)).status === 'sent' && (await statusOf(laterId)).status === 'sent';
    }, 120_000)
      .catch((err: Error) => { throw new Error(`${err.message}; ${relay.accepted.length} accepted; workers said ${others.map((o) => o.output.join('')).join(' | ')}`); });
    const sentAfterMs = Date.now() - startedAt;

    // the big message: nobody lost, nobody unknown, repeats within the dead worker's window
    const perAddress = new Map<string, number>();
    for (const m of relay.accepted) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
    const addresses = Array.from({ length: RECIPIENTS }, (_, i) => `mp-${i}@example.org`);
    const lost = addresses.filter((a) => !perAddress.has(a));
    const duplicated = addresses.reduce((n, a) => n + Math.max(0, (perAddress.get(a) ?? 0) - 1), 0);
    // the scheduled message: started once, so each of its people has exactly one mail and one attempt
    const laterAddresses = Array.from({ length: LATER }, (_, i) => `later-${i}@example.org`);
    const laterCounts = laterAddresses.map((a) => perAddress.get(a) ?? 0);
    const attempts = await db.selectFrom('delivery_attempts').innerJoin('message_recipients', 'message_recipients.id', 'delivery_attempts.recipient_id')
      .select(sql<number>`count(*)`.as('n')).where('message_recipients.message_id', '=', laterId).executeTakeFirstOrThrow();
    // the tick: at most one job per two-second slot, whichever worker ran it
    const ticks = await sql<{ slots: number; jobs: number; repeated: number }>`
      select count(distinct singleton_on)::int as slots, count(*)::int as jobs,
        (select count(*)::int from (select singleton_on from ${sql.table(`${PG_BOSS_SCHEMA}.job`)} where name = 'messages.tick'
          group by singleton_on having count(*) > 1) r) as repeated
      from ${sql.table(`${PG_BOSS_SCHEMA}.job`)} where name = 'messages.tick'`.execute(db);

    console.log(JSON.stringify({
      recipients: RECIPIENTS, workers: 3, web: 2, delivered_unique: perAddress.size - laterCounts.filter((n) => n > 0).length,
      lost: lost.length, duplicated, in_flight_window: IN_FLIGHT_WINDOW, accepted_at_kill: acceptedAtKill,
      workers_sending_at_once_before_kill: mostActive, killed_after_ms: killedAfterMs, all_sent_after_ms: sentAfterMs,
      scheduled: { recipients: LATER, mails: laterCounts.reduce((a, b) => a + b, 0), attempts: Number(attempts.n) },
      ticks: ticks.rows[0], total_ms: Date.now() - began,
    }));

    expect(lost).toEqual([]);
    const known = new Set([...addresses, ...laterAddresses]);
    expect([...perAddress.keys()].filter((a) => !known.has(a))).toEqual([]);
    expect(duplicated).toBeLessThanOrEqual(IN_FLIGHT_WINDOW);
    expect(mostActive).toBeGreaterThanOrEqual(2);
    expect((await statusOf(id)).statistics).toMatchObject({ total: RECIPIENTS, sent: RECIPIENTS, failed: 0, queued: 0 });
    expect(laterCounts.every((n) => n === 1)).toBe(true);
    expect(Number(attempts.n)).toBe(LATER);
    expect((await statusOf(laterId)).statistics).toMatchObject({ total: LATER, sent: LATER, failed: 0 });
    expect(ticks.rows[0]!.repeated).toBe(0);
    expect(ticks.rows[0]!.jobs).toBeGreaterThan(0);

    // SIGTERM: each survivor stops taking work, finishes what it holds and exits 0
    const survivors = [web1.process, web2.process, ...others];
    for (const s of survivors) s.kill('SIGTERM');
    await Promise.race([
      Promise.all(survivors.map(exited)),
      new Promise((_, reject) => setTimeout(() => reject(new Error('a process did not stop within 20 s of SIGTERM')), 20_000)),
    ]);
    expect(survivors.map((s) => `${s.name}:${s.exitCode}`)).toEqual(survivors.map((s) => `${s.name}:0`));
  }, 180_000);
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
