import { afterAll, beforeEach, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { changeSubscription } from '../../src/modules/people/index.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { addTaggedSupporters, until, quietSink } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const quiet = () => quietSink(sink, 300);

async function compose(ctx: TestContext, tag: string): Promise<number> {
  const { body } = await ctx.api('POST', '/api/v1/messages', { subject: 'Sunday', body: 'Hi {{ first_name }}', targets: { tags: [tag] } });
  return body.id;
}

const messageOf = async (ctx: TestContext, id: number) => (await ctx.api('GET', `/api/v1/messages/${id}`)).body;
const addresses = () => sink.mails.map((m) => m.envelopeTo[0]);

describeEachDatabase('controlling a send', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('pauses after the batch in flight and resumes where it stopped, skipping who unsubscribed meanwhile', async () => {
    const tag = `pause-${dialect}`;
    const ids = await addTaggedSupporters(ctx().runtime.deps.db, tag, 200);
    const id = await compose(ctx(), tag);
    await ctx().api('POST', `/api/v1/messages/${id}/send`);
    await until(() => sink.mails.length > 0);
    const paused = await ctx().api('POST', `/api/v1/messages/${id}/pause`);
    expect(paused.body.status).toBe('paused');
    const before = await quiet();
    expect(before).toBeLessThan(200);
    expect((await messageOf(ctx(), id)).statistics.sent).toBe(before);

    // the last person has not been mailed yet; they leave while the send is paused
    await changeSubscription(ctx().runtime.deps, ids.at(-1)!, 'unsubscribed', { source: 'api' });
    expect((await ctx().api('POST', `/api/v1/messages/${id}/resume`)).body.status).toBe('sending');
    await until(async () => (await messageOf(ctx(), id)).status === 'sent');
    expect(addresses()).toHaveLength(199);
    expect(new Set(addresses()).size).toBe(199);
    expect(addresses()).not.toContain(`${tag}-199@example.org`);
    expect((await messageOf(ctx(), id)).statistics).toMatchObject({ total: 200, sent: 199, skipped: 1, failed: 0 });
  });

  it('mails nobody else once cancelled', async () => {
    const tag = `cancel-${dialect}`;
    await addTaggedSupporters(ctx().runtime.deps.db, tag, 200);
    const id = await compose(ctx(), tag);
    await ctx().api('POST', `/api/v1/messages/${id}/send`);
    await until(() => sink.mails.length > 0);
    expect((await ctx().api('POST', `/api/v1/messages/${id}/cancel`)).body.status).toBe('cancelled');
    const mailed = await quiet();
    expect(mailed).toBeLessThan(200);
    const message = await messageOf(ctx(), id);
    expect(message.status).toBe('cancelled');
    expect(message.statistics.sent).toBe(mailed);
    expect(message.statistics.queued).toBe(200 - mailed);
  });

  it('sends a scheduled message once the clock passes its time, and not before', async () => {
    const clock = ctx().runtime.deps.clock as ReturnType<typeof manualClock>;
    const tag = `schedule-${dialect}`;
    await addTaggedSupporters(ctx().runtime.deps.db, tag, 3);
    const id = await compose(ctx(), tag);
    const at = new Date(clock.now().getTime() + 3_600_000);
    // the same instant written with a +02:00 offset
    const local = new Date(at.getTime() + 2 * 3_600_000).toISOString().replace(/\.\d+Z$/, '+02:00');
    const scheduled = await ctx().api('POST', `/api/v1/messages/${id}/send`, { at: local });
    expect(scheduled.status).toBe(202);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduled_at: at.toISOString() });

    await new Promise((r) => setTimeout(r, 2_500)); // a tick passes
    expect(sink.mails).toHaveLength(0);
    expect((await messageOf(ctx(), id)).status).toBe('scheduled');

    clock.advance(3_600_000 + 1_000);
    await until(async () => (await messageOf(ctx(), id)).status === 'sent', 10_000);
    expect(addresses().sort()).toEqual([`${tag}-000@example.org`, `${tag}-001@example.org`, `${tag}-002@example.org`]);
  });
}, () => ({ env: { SMTP_URL: sink.url, SMTP_CONNECTIONS: '1' }, clock: manualClock('2030-02-20T10:00:00Z') }));
