import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { addTaggedSupporters, sendAndWait } from '../helpers/fixtures.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

/**
 * A relay that holds each DATA reply back a little (so a sender's connections are busy at once) and
 * records which sender each connection carried, when it was open, and when each mail was taken.
 */
async function startWatchingRelay(holdMs: number) {
  const sessions = new Map<string, { senders: Set<string>; opened: number; closed: number }>();
  const taken: { from: string; at: number }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(session, cb) {
      sessions.set(session.id, { senders: new Set(), opened: Date.now(), closed: Infinity });
      cb();
    },
    onClose(session) {
      const s = sessions.get(session.id);
      if (s) s.closed = Date.now();
    },
    onMailFrom(address, session, cb) {
      sessions.get(session.id)?.senders.add(address.address);
      cb();
    },
    onData(stream, session, cb) {
      stream.resume();
      stream.on('end', () => setTimeout(() => {
        taken.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', at: Date.now() });
        cb(null, 'Ok: queued');
      }, holdMs));
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    taken,
    reset() { sessions.clear(); taken.length = 0; },
    /** The most connections that carried this sender's mail open at one moment. */
    mostOpenAtOnce(sender: string): number {
      const spans = [...sessions.values()].filter((s) => s.senders.has(sender));
      return Math.max(0, ...spans.map((a) => spans.filter((b) => b.opened <= a.opened && b.closed > a.opened).length));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

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
