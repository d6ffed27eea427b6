import { afterAll, beforeEach, expect, it } from 'vitest';
import { createRuntime } from '../../src/runtime.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { addTaggedSupporters, until } from '../helpers/fixtures.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

// The test's own runtime is web-only (no worker), like a web process with the worker elsewhere; worker
// processes are started and stopped on the same database below.
describeEachDatabase('a send across a restart', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('goes on after the worker stops mid-send: everyone gets exactly one mail, nobody marked sent another', async () => {
    const tag = `restart-${dialect}`;
    const db = ctx().runtime.deps.db;
    await addTaggedSupporters(db, tag, 200);
    const { body } = await ctx().api('POST', '/api/v1/messages', { subject: 'Sunday', body: 'Hi {{ first_name }}', targets: { tags: [tag] } });
    expect((await ctx().api('POST', `/api/v1/messages/${body.id}/send`)).status).toBe(202);
    const status = async () => (await ctx().api('GET', `/api/v1/messages/${body.id}`)).body;

    const config = ctx().runtime.deps.config;
    const first = await createRuntime(config, { web: false, worker: true, logger: false });
    await until(() => sink.mails.length > 0);
    await first.close();

    const mailedBefore = sink.mails.length;
    const before = await status();
    expect(mailedBefore).toBeLessThan(200);
    expect(before.status).toBe('sending');
    // what the relay took is marked sent, and only that
    expect(before.statistics.sent).toBe(mailedBefore);

    const second = await createRuntime(config, { web: false, worker: true, logger: false });
    try {
      await until(async () => (await status()).status === 'sent');
    } finally {
      await second.close();
    }
    const addresses = sink.mails.map((m) => m.envelopeTo[0]);
    expect(addresses).toHaveLength(200);
    expect(new Set(addresses).size).toBe(200);
    expect((await status()).statistics).toMatchObject({ total: 200, sent: 200, failed: 0 });
  });
}, () => ({ env: { SMTP_URL: sink.url, SMTP_CONNECTIONS: '1' }, worker: false }));
