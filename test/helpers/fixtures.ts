// Small fixtures the integration tests share: supporters straight into the database (the import has its
// own tests), waiting for an asynchronous outcome, and sending a message to the end.
import { expect } from 'vitest';
import type { Db, SubscriptionStatus } from '../../src/db/schema.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import type { SinkMail } from './smtp-sink.ts';
import type { TestContext } from './test-app.ts';

export interface Supporter { email: string; given_name?: string | null; tags?: string[]; status?: SubscriptionStatus; country?: string | null; language?: string | null }

export async function addSupporters(db: Db, list: Supporter[]): Promise<number[]> {
  const now = new Date().toISOString();
  const rows = await db.insertInto('people').values(list.map((s) => ({
    email: s.email, given_name: s.given_name ?? null, family_name: null, language: s.language ?? null, country: s.country ?? null, postal_code: null,
    custom_fields: '{}', status: s.status ?? 'subscribed', status_changed_at: now, created_at: now, updated_at: now,
  }))).returning('id').execute();
  const tags = list.flatMap((s, i) => (s.tags ?? []).map((tag) => ({ person_id: rows[i]!.id, tag })));
  if (tags.length) await db.insertInto('person_tags').values(tags).execute();
  return rows.map((r) => r.id);
}

/** `count` subscribed supporters tagged `tag`, named P0, P1, … with addresses TAG-000@example.org, … */
export function addTaggedSupporters(db: Db, tag: string, count: number): Promise<number[]> {
  return addSupporters(db, Array.from({ length: count }, (_, i) => ({
    email: `${tag}-${String(i).padStart(3, '0')}@example.org`, given_name: `P${i}`, tags: [tag],
  })));
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Creates a message through the API, sends it and waits until the worker has finished it. */
export async function sendAndWait(ctx: TestContext, body: object): Promise<number> {
  const created = await ctx.api('POST', '/api/v1/messages', body);
  expect(created.status).toBe(201);
  const id = created.body.id as number;
  expect((await ctx.api('POST', `/api/v1/messages/${id}/send`)).status).toBe(202);
  await until(async () => (await ctx.api('GET', `/api/v1/messages/${id}`)).body.status === 'sent');
  return id;
}

/** One subscribed supporter called Sam, tagged `tag`; returns their id. */
export async function addSupporter(db: Db, email: string, tag: string): Promise<number> {
  const [id] = await addSupporters(db, [{ email, given_name: 'Sam', tags: [tag] }]);
  return id!;
}

/** The URL in a mail's List-Unsubscribe header (folded lines unfolded). */
export function listUnsubscribeUrl(mail: SinkMail): string {
  const line = mail.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
  return /<([^>]+)>/.exec(line.replace(/\r?\n[ \t]+/g, ''))![1]!;
}

/** A person who got an email: their recipient token is what a personal link carries (`r=`). */
export async function addEmailRecipient(db: Db, language: string | null = null): Promise<{ token: string; personId: number }> {
  const now = new Date().toISOString();
  const email = `${randomToken(9).toLowerCase()}@example.org`; // stored as an import stores it: normalised
  const person = await db.insertInto('people').values({
    email, given_name: 'Rahima', family_name: null, language, country: null,
    postal_code: null, custom_fields: '{}', status: 'subscribed', status_changed_at: now, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const message = await db.insertInto('messages').values({
    subject: 'Will you take part?', body: 'Hi', from_address: null, language: 'en', target_tags: '[]', status: 'sent',
    scheduled_at: null, started_at: now, finished_at: now, recipients_total: 1, audience_done_at: now, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const token = randomToken();
  await db.insertInto('message_recipients').values({
    // a send captures the person's language in their merge values, as here
    message_id: message.id, person_id: person.id, email, token, vars: JSON.stringify({ language }), status: 'sent',
    attempts: 1, last_reply: '250 ok', bounced: 0, sent_at: now, next_attempt_at: null,
  }).execute();
  return { token, personId: person.id };
}

/** Waits until no mail has arrived for `quietMs`: the send loop has nothing more to do for now. Returns the count. */
export async function quietSink(sink: { mails: unknown[] }, quietMs = 300): Promise<number> {
  let seen = -1;
  while (seen !== sink.mails.length) {
    seen = sink.mails.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
  return seen;
}
