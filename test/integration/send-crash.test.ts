// A real worker process killed with SIGKILL in the middle of a send, then a new one started: nobody may be
// left without the mail, and the only repeats allowed are the mails whose acceptance the dead process had
// not yet written down. The test's own runtime is web-only; the workers are `outcry` child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OUTCOME_BATCH } from '../../src/modules/messages/outcome-writer.ts';
import { MAILS_IN_FLIGHT_PER_CONNECTION } from '../../src/modules/messages/send-loop.ts';
import { afterAll, beforeEach, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { startFaultySmtp } from '../helpers/faulty-smtp.ts';
import { addSupporters, until } from '../helpers/fixtures.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

const relay = await startFaultySmtp();
afterAll(() => relay.close());

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RECIPIENTS = 3_000;
const CONNECTIONS = 4;
// outcome-writer.ts writes a batch when it holds this many outcomes (or is 100 ms old), and holds the
// senders back when twice that are unwritten
const WRITER_BATCH = OUTCOME_BATCH;

function startOutcry(config: Config, args: string[]): ChildProcess & { output: string[] } {
  // process.execPath: the Node running the tests (24), so bin/outcry.js does not re-spawn itself and the
  // pid we kill is the one sending
  const child = spawn(process.execPath, [`${ROOT}bin/outcry.js`, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      OUTCRY_DATA: config.dataDir,
      DATABASE_URL: config.databaseUrl ?? '',
      PUBLIC_URL: config.publicUrl,
      SMTP_URL: relay.url,
      SMTP_CONNECTIONS: String(CONNECTIONS),
      OUTCRY_SEND_LEASE_MS: '2000',
      LOG_LEVEL: 'warn',
    },
  });
  const output: string[] = [];
  child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  return Object.assign(child, { output });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

describeEachDatabase('a send across a crash', (ctx, dialect) => {
  beforeEach(() => relay.reset());

  it('after SIGKILL mid-send and a restart, every recipient has the mail, and repeats stay within the mails in flight', async () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    const tag = `crash-${dialect}`;
    const { db, config } = ctx().runtime.deps;
    for (let start = 0; start < RECIPIENTS; start += 500) {
      await addSupporters(db, Array.from({ length: 500 }, (_, i) => ({ email: `${tag}-${start + i}@example.org`, given_name: `P${start + i}`, tags: [tag] })));
    }
    const created = await ctx().api('POST', '/api/v1/messages', { subject: 'Sunday', body: 'Hi {{ first_name }}', targets: { tags: [tag] } });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const message = async () => (await ctx().api('GET', `/api/v1/messages/${id}`)).body;

    const children: ChildProcess[] = [];
    try {
      const first = startOutcry(config, ['messages', 'send', String(id)]);
      children.push(first);
      let acceptedAtKill = 0;
      relay.onAccepted = (_mail, count) => {
        if (count === Math.round(RECIPIENTS / 3)) {
          acceptedAtKill = count;
          first.kill('SIGKILL');
        }
      };
      await relay.waitFor(Math.round(RECIPIENTS / 3), 40_000).catch((err: Error) => {
        throw new Error(`${err.message}; the first worker said: ${first.output.join('')}`);
      });
      await exited(first);
      expect(first.signalCode).toBe('SIGKILL');
      relay.onAccepted = undefined;
      const afterKill = await message();
      expect(afterKill.status).toBe('sending');
      expect(afterKill.statistics.sent).toBeLessThan(RECIPIENTS);

      const second = startOutcry(config, ['worker']);
      children.push(second);
      await until(async () => (await message()).status === 'sent', 45_000).catch((err: Error) => {
        throw new Error(`${err.message}; the second worker said: ${second.output.join('')}`);
      });
      second.kill('SIGTERM');
      await exited(second);

      const perAddress = new Map<string, number>();
      for (const m of relay.accepted) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
      const addresses = Array.from({ length: RECIPIENTS }, (_, i) => `${tag}-${i}@example.org`);
      const lost = addresses.filter((a) => !perAddress.has(a));
      const duplicated = relay.accepted.length - perAddress.size;
      // A mail can go out twice only if the relay accepted it and the dead worker had not yet stored that.
      // Such mails are (a) outcomes waiting in the writer (fewer than one batch) or in the transaction being
      // committed (one batch), and (b) mails still in the send window (SMTP_CONNECTIONS * MAILS_IN_FLIGHT_PER_CONNECTION), whose 2xx
      // had not yet been read.
      const window = CONNECTIONS * MAILS_IN_FLIGHT_PER_CONNECTION + 2 * WRITER_BATCH;
      console.log(JSON.stringify({
        dialect, recipients: RECIPIENTS, delivered_unique: perAddress.size, lost: lost.length, duplicated,
        in_flight_window: window, accepted_at_kill: acceptedAtKill, sent_recorded_at_kill: afterKill.statistics.sent,
      }));

      expect(lost).toEqual([]);
      const known = new Set(addresses);
      expect([...perAddress.keys()].filter((a) => !known.has(a))).toEqual([]);
      expect(duplicated).toBeLessThanOrEqual(window);
      const recipients = await db.selectFrom('message_recipients').select(['email', 'status'])
        .where('message_id', '=', id).execute();
      expect(recipients).toHaveLength(RECIPIENTS);
      expect(recipients.filter((r) => r.status !== 'sent')).toEqual([]);
      expect((await message()).statistics).toMatchObject({ total: RECIPIENTS, sent: RECIPIENTS, failed: 0, queued: 0 });
    } finally {
      relay.onAccepted = undefined;
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all(children.map(exited));
    }
  }, 60_000);
}, () => ({ env: { SMTP_URL: relay.url }, worker: false }));
