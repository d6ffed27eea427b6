import { afterAll, beforeEach, expect, it } from 'vitest';
import type { Message } from '../../src/db/schema.ts';
import { compileMessageVersions } from '../../src/modules/messages/message-versions.ts';
import { runSend } from '../../src/modules/messages/send-loop.ts';
import { addTaggedSupporters, sendAndWait } from '../helpers/fixtures.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';
import { startWatchingRelay } from '../helpers/watching-relay.ts';

const relay = await startWatchingRelay(40);
afterAll(() => relay.close());

describeEachDatabase('each sender\'s limits at the relay', (ctx, dialect) => {
  beforeEach(() => relay.reset());

  it('shows the defaults, stores a sender\'s own limits and says which field of which row is wrong', async () => {
    const items = ['Press Team <press@example.org>', 'Campaigns <campaigns@example.org>'];
    const before = await ctx().api('GET', '/api/v1/settings/senders');
    expect(before.body).toMatchObject({ defaults: { connections: 6, per_second: 0, per_hour: 0 }, limits: [] });

    const bad = await ctx().api('PUT', '/api/v1/settings/senders', {
      items, limits: [{ sender: 'press@example.org', connections: 2 }, { sender: 'someone@else.org', per_hour: 100 }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.invalid_params).toEqual([expect.objectContaining({ name: 'limits.1.sender' })]);
    const zero = await ctx().api('PUT', '/api/v1/settings/senders', { items, limits: [{ sender: 'press@example.org', connections: 0 }] });
    expect(zero.status).toBe(400);
    expect(zero.body.invalid_params).toEqual([{ name: 'limits.0.connections', reason: 'must be >= 1' }]);
    // nothing was stored by the refused requests
    expect((await ctx().api('GET', '/api/v1/settings/senders')).body.items).toEqual([]);

    const saved = await ctx().api('PUT', '/api/v1/settings/senders', {
      items, limits: [{ sender: 'Press Team <PRESS@example.org>', connections: 2, per_second: 12.5 }, { sender: 'campaigns@example.org' }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.limits).toEqual([{ sender: 'press@example.org', connections: 2, per_second: 12.5, per_hour: null }]);
    // what GET gave can be sent back as it is (null: the default); a sender has one row; a pace under one in 1,000 s is refused
    expect((await ctx().api('PUT', '/api/v1/settings/senders', { items, limits: saved.body.limits })).body.limits).toEqual(saved.body.limits);
    const twice = await ctx().api('PUT', '/api/v1/settings/senders', { items, limits: [{ sender: 'press@example.org', connections: 1 }, { sender: 'PRESS@example.org', connections: 3 }] });
    expect(twice.status).toBe(422);
    expect(twice.body.invalid_params).toEqual([{ name: 'limits.1.sender', reason: '"PRESS@example.org" has a row already (row 0)' }]);
    const crawl = await ctx().api('PUT', '/api/v1/settings/senders', { items, limits: [{ sender: 'press@example.org', per_second: 0.0005 }] });
    expect(crawl.status).toBe(400);
    expect(crawl.body.invalid_params).toEqual([{ name: 'limits.0.per_second', reason: 'must be >= 0.001' }]);
    // the identities saved again without limits keep theirs; a sender taken off the list loses them
    expect((await ctx().api('PUT', '/api/v1/settings/senders', { items })).body.limits).toHaveLength(1);
    expect((await ctx().api('PUT', '/api/v1/settings/senders', { items: [items[1]] })).body.limits).toEqual([]);
  });

  it('sends each sender\'s mail over its own number of connections', async () => {
    await ctx().api('PUT', '/api/v1/settings/senders', {
      items: ['One <one@example.org>', 'Three <three@example.org>'],
      limits: [{ sender: 'one@example.org', connections: 1 }, { sender: 'three@example.org', connections: 3 }],
    });
    await addTaggedSupporters(ctx().runtime.deps.db, `${dialect}-one`, 12);
    await addTaggedSupporters(ctx().runtime.deps.db, `${dialect}-three`, 24);
    await Promise.all([
      sendAndWait(ctx(), { subject: 'One', body: 'Hi', from: 'One <one@example.org>', targets: { tags: [`${dialect}-one`] } }),
      sendAndWait(ctx(), { subject: 'Three', body: 'Hi', from: 'Three <three@example.org>', targets: { tags: [`${dialect}-three`] } }),
    ]);
    expect(relay.taken.filter((m) => m.from === 'one@example.org')).toHaveLength(12);
    expect(relay.taken.filter((m) => m.from === 'three@example.org')).toHaveLength(24);
    expect(relay.mostOpenAtOnce('one@example.org')).toBe(1);
    // 24 mails held 40 ms each: the sender uses the connections it may have, and no more
    expect(relay.mostOpenAtOnce('three@example.org')).toBe(3);
  });

  it('holds a sender to its own messages a second', async () => {
    await ctx().api('PUT', '/api/v1/settings/senders', {
      items: ['Slow <slow@example.org>'], limits: [{ sender: 'slow@example.org', per_second: 10 }],
    });
    await addTaggedSupporters(ctx().runtime.deps.db, `${dialect}-slow`, 30);
    await sendAndWait(ctx(), { subject: 'Slow', body: 'Hi', from: 'Slow <slow@example.org>', targets: { tags: [`${dialect}-slow`] } });
    const times = relay.taken.filter((m) => m.from === 'slow@example.org').map((m) => m.at).sort((a, b) => a - b);
    expect(times).toHaveLength(30);
    // a burst of ten, then ten a second: the last twenty take at least two seconds
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1_800);
  });
}, () => ({ env: { SMTP_URL: relay.url, SMTP_CONNECTIONS: '6' } }));

describeEachDatabase('a sender with limits of its own, with several send slots', (ctx, dialect) => {
  beforeEach(() => relay.reset());

  it('sends each of its messages from one slot only, so the one process sending holds it to the limits', async () => {
    await ctx().api('PUT', '/api/v1/settings/senders', {
      items: ['Solo <solo@example.org>', 'Any <any@example.org>'], limits: [{ sender: 'solo@example.org', connections: 1 }],
    });
    await addTaggedSupporters(ctx().runtime.deps.db, `${dialect}-solo`, 3);
    await addTaggedSupporters(ctx().runtime.deps.db, `${dialect}-any`, 3);
    const start = async (from: string, tag: string) => {
      const created = await ctx().api('POST', '/api/v1/messages', { subject: 'Slots', body: 'Hi', from, targets: { tags: [tag] } });
      expect((await ctx().api('POST', `/api/v1/messages/${created.body.id}/send`)).status).toBe(202);
      return created.body.id as number;
    };
    const solo = await start('Solo <solo@example.org>', `${dialect}-solo`);
    const any = await start('Any <any@example.org>', `${dialect}-any`);
    // this process runs no jobs: the slots are run here by hand, as a worker would
    const { deps } = ctx().runtime;
    const control = (slot: number) => ({ slot, stopping: () => false, compiled: (m: Message) => compileMessageVersions(deps, m) });
    expect(await runSend(deps, solo, control(1))).toBe('aside');
    expect(relay.taken.filter((m) => m.from === 'solo@example.org')).toHaveLength(0);
    expect(await runSend(deps, solo, control(0))).toBe('sent');
    expect(relay.taken.filter((m) => m.from === 'solo@example.org')).toHaveLength(3);
    // a sender with the defaults is sent by any slot
    expect(await runSend(deps, any, control(1))).toBe('sent');
    expect(relay.taken.filter((m) => m.from === 'any@example.org')).toHaveLength(3);
  });
}, () => ({ env: { SMTP_URL: relay.url, OUTCRY_SEND_PARALLEL: '4' }, worker: false }));
