import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSmtpPool, type ResizableSmtpPool } from '../../src/mail/smtp-pool.ts';
import { until } from '../helpers/fixtures.ts';
import { startWatchingRelay } from '../helpers/watching-relay.ts';

const relay = await startWatchingRelay(60);
afterAll(() => relay.close());

const message = Buffer.from('Subject: pool\r\n\r\nHello\r\n');
const sendFrom = (pool: ResizableSmtpPool, from: string, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => pool.send({ from, to: `p${i}@example.org` }, message)));

describe('a pool of connections whose limit changes', () => {
  let pool: ResizableSmtpPool | undefined;
  afterEach(async () => {
    pool?.close();
    await until(() => relay.openNow() === 0);
    relay.reset();
  });

  it('opens more connections for the mails waiting when it may have more', async () => {
    pool = createSmtpPool({ url: relay.url, connections: 1 });
    const sent = sendFrom(pool, 'grow@example.org', 8);
    await until(() => relay.taken.length >= 1);
    pool.setConnections(4);
    expect(await sent).toHaveLength(8);
    expect(relay.mostOpenAtOnce('grow@example.org')).toBe(4);
  });

  it('closes its idle connections at once when it may have fewer, and sends over no more than it may', async () => {
    pool = createSmtpPool({ url: relay.url, connections: 4 });
    await sendFrom(pool, 'before@example.org', 4);
    expect(relay.openNow()).toBe(4);
    pool.setConnections(1);
    await until(() => relay.openNow() === 1);
    await sendFrom(pool, 'after@example.org', 4);
    expect(relay.mostOpenAtOnce('after@example.org')).toBe(1);
  });

  it('closes busy connections as they finish when it may have fewer, and still sends every mail', async () => {
    pool = createSmtpPool({ url: relay.url, connections: 4 });
    const sent = sendFrom(pool, 'busy@example.org', 12);
    await until(() => relay.openNow() === 4);
    pool.setConnections(2);
    expect(await sent).toHaveLength(12);
    expect(relay.taken.filter((m) => m.from === 'busy@example.org')).toHaveLength(12);
    expect(relay.openNow()).toBe(2);
  });
});
