// The delivery engine against a relay that misbehaves the ways real ones do: temporary refusals, refused
// addresses, connections dropped mid-message, a reply that takes seconds. Counted on what the relay
// *accepted*: every good address gets exactly one mail, every refused one none, and the log says why.
import { afterAll, beforeEach, expect, it } from 'vitest';
import type { Db } from '../../src/db/schema.ts';
import { startFaultySmtp } from '../helpers/faulty-smtp.ts';
import { addTaggedSupporters, until } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const relay = await startFaultySmtp();
afterAll(() => relay.close());

const address = (tag: string, i: number) => `${tag}-${String(i).padStart(3, '0')}@example.org`;

async function sendToTag(ctx: TestContext, tag: string): Promise<number> {
  const created = await ctx.api('POST', '/api/v1/messages', { subject: 'Sunday', body: 'Hi {{ first_name }}', targets: { tags: [tag] } });
  expect(created.status).toBe(201);
  const id = created.body.id as number;
  expect((await ctx.api('POST', `/api/v1/messages/${id}/send`)).status).toBe(202);
  await until(async () => (await ctx.api('GET', `/api/v1/messages/${id}`)).body.status !== 'sending', 40_000);
  return id;
}

function recipientsOf(db: Db, messageId: number) {
  return db.selectFrom('message_recipients').select(['id', 'email', 'status', 'bounced', 'attempts', 'last_reply'])
    .where('message_id', '=', messageId).orderBy('id').execute();
}

async function deliveryLog(db: Db, messageId: number) {
  const rows = await db.selectFrom('delivery_attempts').innerJoin('message_recipients as r', 'r.id', 'delivery_attempts.recipient_id')
    .select(['r.email', 'delivery_attempts.attempted_at', 'delivery_attempts.outcome', 'delivery_attempts.reply'])
    .where('r.message_id', '=', messageId).orderBy('delivery_attempts.id').execute();
  const log = new Map<string, typeof rows>();
  for (const row of rows) log.set(row.email, [...(log.get(row.email) ?? []), row]);
  return log;
}

function countBy<T>(items: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

describeEachDatabase('delivering through a faulty relay', (ctx, dialect) => {
  beforeEach(() => relay.reset());

  it('delivers every good address exactly once, retries deferred and dropped mails until accepted, bounces refused addresses, and logs every attempt', async () => {
    const tag = `faults-${dialect}`;
    const db = ctx().runtime.deps.db;
    const total = 300;
    await addTaggedSupporters(db, tag, total);
    const refused = [17, 90, 151, 222, 299].map((i) => address(tag, i));
    const dropped = [3, 44, 120, 200, 250].map((i) => address(tag, i));
    refused.forEach((a) => relay.faults.refuse.add(a));
    dropped.forEach((a) => relay.faults.dropFirst.add(a));
    relay.faults.deferEvery = 7;

    const id = await sendToTag(ctx(), tag);

    const message = (await ctx().api('GET', `/api/v1/messages/${id}`)).body;
    expect(message.status).toBe('sent');
    expect(message.statistics).toMatchObject({ total, sent: total - refused.length, failed: refused.length, queued: 0 });

    // exactly one accepted mail per good address, none for a refused one, each with its own Message-ID
    const good = Array.from({ length: total }, (_, i) => address(tag, i)).filter((a) => !refused.includes(a));
    const perAddress = countBy(relay.accepted.map((m) => m.to));
    expect([...perAddress.keys()].sort()).toEqual([...good].sort());
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(relay.accepted.map((m) => m.messageId)).size).toBe(good.length);

    const recipients = await recipientsOf(db, id);
    expect(recipients.filter((r) => r.status === 'queued')).toEqual([]);
    for (const r of recipients) {
      if (refused.includes(r.email)) expect(r, r.email).toMatchObject({ status: 'failed', bounced: 1, last_reply: expect.stringContaining('550') });
      else expect(r, r.email).toMatchObject({ status: 'sent', bounced: 0 });
    }
    const people = await db.selectFrom('people').select(['email', 'status']).where('email', 'like', `${tag}-%`).execute();
    for (const p of people) expect(p, p.email).toMatchObject({ status: refused.includes(p.email) ? 'bouncing' : 'subscribed' });

    // the relay's temporary failures: each dropped address once, and 451 to every 7th DATA (retries included)
    const failures = relay.events.filter((e) => e.answer === 'deferred' || e.answer === 'dropped');
    expect(failures.filter((e) => e.answer === 'dropped').map((e) => e.to).sort()).toEqual([...dropped].sort());
    expect(failures.filter((e) => e.answer === 'deferred').length).toBeGreaterThanOrEqual(Math.floor(good.length / 7));
    const retried = countBy(failures.map((e) => e.to));

    // the log: each failed attempt, then the one that was sent; one row per attempt
    const log = await deliveryLog(db, id);
    for (const r of recipients) {
      const rows = log.get(r.email) ?? [];
      expect(rows.length, r.email).toBe(r.attempts);
      if (refused.includes(r.email)) {
        expect(rows.map((a) => a.outcome), r.email).toEqual(['bounced']);
        continue;
      }
      const failedTimes = retried.get(r.email) ?? 0;
      expect(rows.map((a) => a.outcome), r.email).toEqual([...Array<string>(failedTimes).fill('deferred'), 'sent']);
      for (let i = 1; i < rows.length; i++) {
        // a retry waits at least the first backoff (200 ms, less 20% jitter)
        expect(Date.parse(rows[i]!.attempted_at) - Date.parse(rows[i - 1]!.attempted_at), r.email).toBeGreaterThanOrEqual(150);
      }
    }
    for (const a of dropped) expect(log.get(a)![0]!.reply).toMatch(/closed the connection|connection error/);
    const deferredOnce = [...retried.keys()].find((a) => !dropped.includes(a))!;
    expect(log.get(deferredOnce)![0]!.reply).toMatch(/^451 /);
  });

  it('a slow relay never stalls the other connections: the rest keep flowing while one reply takes seconds', async () => {
    const tag = `slow-${dialect}`;
    const db = ctx().runtime.deps.db;
    const total = 300;
    await addTaggedSupporters(db, tag, total);
    const slow = address(tag, 2);
    relay.faults.delay.set(slow, 3_000);

    const id = await sendToTag(ctx(), tag);

    expect((await ctx().api('GET', `/api/v1/messages/${id}`)).body.status).toBe('sent');
    const slowMail = relay.accepted.find((m) => m.to === slow)!;
    const others = relay.accepted.filter((m) => m.to !== slow);
    expect(others).toHaveLength(total - 1);
    expect(new Set(relay.accepted.map((m) => m.to)).size).toBe(total);
    const before = others.filter((m) => m.at < slowMail.at).length;
    expect(before).toBeGreaterThanOrEqual(Math.ceil(0.9 * (total - 1)));
    expect((await recipientsOf(db, id)).every((r) => r.status === 'sent')).toBe(true);
  });
}, () => ({ env: { SMTP_URL: relay.url, SMTP_CONNECTIONS: '4', OUTCRY_RETRY_MIN_MS: '200' } }));

describeEachDatabase('giving up on a temporary failure', (ctx, dialect) => {
  beforeEach(() => relay.reset());

  // a retry lifetime of 0 hours makes the first deferral final, as a lifetime running out would
  it('marks a recipient still failing temporarily after the retry lifetime as failed, with the relay\'s last reply, and keeps them subscribed', async () => {
    const tag = `lifetime-${dialect}`;
    const db = ctx().runtime.deps.db;
    await addTaggedSupporters(db, tag, 3);
    const stuck = address(tag, 1);
    relay.faults.deferAlways.add(stuck);

    const id = await sendToTag(ctx(), tag);

    const message = (await ctx().api('GET', `/api/v1/messages/${id}`)).body;
    expect(message.status).toBe('sent');
    expect(message.statistics).toMatchObject({ total: 3, sent: 2, failed: 1, bounced: 0, queued: 0 });
    const recipient = (await recipientsOf(db, id)).find((r) => r.email === stuck)!;
    expect(recipient).toMatchObject({ status: 'failed', bounced: 0, attempts: 1 });
    expect(recipient.last_reply).toMatch(/^gave up after 1 attempts: 451 4\.3\.0 Temporary failure/);
    const log = (await deliveryLog(db, id)).get(stuck)!;
    expect(log.map((a) => [a.outcome, a.reply])).toEqual([['failed', recipient.last_reply]]);
    const person = await db.selectFrom('people').select('status').where('email', '=', stuck).executeTakeFirstOrThrow();
    expect(person.status).toBe('subscribed');
    expect(relay.accepted.map((m) => m.to).sort()).toEqual([address(tag, 0), address(tag, 2)]);
  });
}, () => ({ env: { SMTP_URL: relay.url, SMTP_CONNECTIONS: '4', OUTCRY_RETRY_MIN_MS: '200', OUTCRY_RETRY_LIFETIME_HOURS: '0' } }));
