// Two workers sending one message at once, each far slower than its lease (a relay that takes its time):
// each keeps renewing the lease on the recipients it holds, so the other never takes them over, and
// nobody is mailed twice.
import { afterAll, beforeEach, expect, it } from 'vitest';
import { readConfig } from '../../src/config/config.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { startFaultySmtp } from '../helpers/faulty-smtp.ts';
import { addTaggedSupporters, until } from '../helpers/fixtures.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

const relay = await startFaultySmtp();
afterAll(() => relay.close());

const PEOPLE = 60;
const LEASE_MS = 900;
const REPLY_MS = 250;

describeEachDatabase('two workers slower than their lease', (ctx, dialect) => {
  beforeEach(() => relay.reset());

  it('keep the recipients they hold, and mail each person once', async () => {
    const tag = `lease-${dialect}`;
    const { db, config } = ctx().runtime.deps;
    await addTaggedSupporters(db, tag, PEOPLE);
    for (let i = 0; i < PEOPLE; i++) relay.faults.delay.set(`${tag}-${String(i).padStart(3, '0')}@example.org`, REPLY_MS);
    // one connection each: 4 mails in flight and batches of 32, so a batch takes seconds against a 0.9 s lease
    const workerConfig = readConfig({
      OUTCRY_DATA: config.dataDir, ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
      PUBLIC_URL: config.publicUrl, SMTP_URL: relay.url, SMTP_CONNECTIONS: '1',
      OUTCRY_SEND_LEASE_MS: String(LEASE_MS), OUTCRY_SEND_PARALLEL: '2', PUBLIC_POSTS_POLL_SECONDS: '0', LOG_LEVEL: 'warn',
    });
    const workers: Runtime[] = [];
    try {
      workers.push(await createRuntime(workerConfig, { web: false, worker: true, logger: false }));
      workers.push(await createRuntime(workerConfig, { web: false, worker: true, logger: false }));
      const { body } = await ctx().api('POST', '/api/v1/messages', { subject: 'Slow', body: 'Hi', targets: { tags: [tag] } });
      expect((await ctx().api('POST', `/api/v1/messages/${body.id}/send`)).status).toBe(202);
      await until(async () => (await ctx().api('GET', `/api/v1/messages/${body.id}`)).body.status === 'sent', 40_000);
    } finally {
      for (const w of workers) await w.close();
    }
    const addresses = relay.accepted.map((m) => m.to);
    expect(new Set(addresses).size).toBe(PEOPLE);
    expect(addresses).toHaveLength(PEOPLE);
  }, 60_000);
}, () => ({ env: { SMTP_URL: relay.url, OUTCRY_SEND_LEASE_MS: String(LEASE_MS) }, worker: false }));
