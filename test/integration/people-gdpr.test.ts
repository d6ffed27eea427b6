// One supporter's life in Outcry and their rights over it: imported, sent a message through a real SMTP
// server, clicking its links and starting a post on a storm page; then their timeline, their data export,
// and their erasure, checked table by table, after which an import does not silently bring them back.
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { isPostgres } from '../../src/db/dialect.ts';
import type { Db } from '../../src/db/schema.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { addSupporters, sendAndWait } from '../helpers/fixtures.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const ARTICLE = 'https://example.org/report?year=2025';

/** Every table and its rows, for looking through all of them. */
async function everyTable(db: Db): Promise<Map<string, Record<string, unknown>[]>> {
  const names = isPostgres(db)
    ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows;
  const tables = new Map<string, Record<string, unknown>[]>();
  for (const { name } of names) {
    if (name.startsWith('kysely_')) continue;
    tables.set(name, (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows);
  }
  return tables;
}

const hidden = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));

/** A supporter who got a message, clicked both its links and started a post on the storm's page. */
async function supporterWithAPast(ctx: TestContext, address: string) {
  const imported = await ctx.api('POST', '/api/v1/people/import?tag=gdpr', `email,first_name,Phone\n${address},Gulnar,+1 555 0100\n`, { 'content-type': 'text/csv' });
  expect(imported.body).toMatchObject({ imported: 1 });
  const person = (await ctx.api('GET', `/api/v1/people?email=${encodeURIComponent(address)}`)).body.items[0];
  const slug = `gdpr-${ctx.dialect}`;
  const now = Date.now();
  const storm = await ctx.api('POST', '/api/v1/storms', {
    title: 'Free them all', slug, starts_at: new Date(now - 3_600_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString(),
    hashtags: ['FreeThemAll'], messages: [{ text: 'Free them all, now.' }], article_url: ARTICLE,
  });
  expect(storm.status, JSON.stringify(storm.body)).toBe(201);
  const messageId = await sendAndWait(ctx, {
    subject: 'Your voice on Sunday', targets: { tags: ['gdpr'] },
    body: `[Post now](${ctx.baseUrl}/s/${slug})\n\n[Read the report](${ARTICLE})`,
  });
  const mail = sink.mails.find((m) => m.envelopeTo.includes(address))!;
  const links = [...(mail.parsed.html as string).matchAll(/href="([^"]*\/l\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const articleLink = links.find((l) => new URL(l).searchParams.get('u') === ARTICLE)!;
  const stormLink = links.find((l) => new URL(l).searchParams.get('u')!.includes('/s/'))!;
  expect((await fetch(articleLink, { redirect: 'manual' })).status).toBe(302);
  const toPage = await fetch(stormLink, { redirect: 'manual' });
  const page = await fetch(new URL(toPage.headers.get('location')!, ctx.baseUrl), { headers: { accept: 'text/html' } });
  const started = await fetch(`${ctx.baseUrl}/s/${slug}/post`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams({ ...hidden(await page.text()), text: 'Free them all, now.', network: 'bluesky' }),
  });
  expect(started.status).toBe(302);
  return { id: person.id as number, messageId, stormId: storm.body.id as number };
}

describeEachDatabase('a supporter\'s data: timeline, export and erasure', (ctx, dialect) => {
  const address = `gulnar-${dialect}@gdpr.example.org`;
  let past: Awaited<ReturnType<typeof supporterWithAPast>>;

  it('shows a person\'s timeline: the message with its delivery, the clicks, the post started, newest first', async () => {
    past = await supporterWithAPast(ctx(), address);
    const res = await ctx().api('GET', `/api/v1/people/${past.id}/history`);
    expect(res.status).toBe(200);
    const items = res.body.items as { at: string; kind: string; [k: string]: unknown }[];
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort().reverse());
    expect(items.find((i) => i.kind === 'message')).toMatchObject({
      message_id: past.messageId, subject: 'Your voice on Sunday', delivery: { status: 'sent', attempts: 1, bounced: false },
    });
    const clicks = items.filter((i) => i.kind === 'click');
    expect(clicks.map((c) => c.url)).toContain(ARTICLE);
    expect(clicks[0]).toMatchObject({ message_id: past.messageId, subject: 'Your voice on Sunday' });
    expect(items.find((i) => i.kind === 'post_started')).toMatchObject({ storm_id: past.stormId, storm_title: 'Free them all', network: 'bluesky' });
    expect(items.at(-1)).toMatchObject({ kind: 'status_changed', status: 'subscribed', source: 'import' });
    // the newest: the post, after the clicks, after the message
    const order = items.map((i) => i.kind);
    expect(order.indexOf('post_started')).toBeLessThan(order.indexOf('message'));

    const paged = await ctx().api('GET', `/api/v1/people/${past.id}/history?limit=2`);
    expect(paged.body.items).toEqual(items.slice(0, 2));
    const rest = await ctx().api('GET', `/api/v1/people/${past.id}/history?before=${encodeURIComponent(paged.body.next_before)}`);
    expect([...paged.body.items, ...rest.body.items]).toEqual(items);
    expect((await ctx().api('GET', '/api/v1/people/999999/history')).status).toBe(404);
    expect((await ctx().api('GET', `/api/v1/people/${past.id}/history?before=yesterday`)).status).toBe(400);
  });

  it('exports everything stored about the person as one JSON document', async () => {
    const res = await ctx().api('GET', `/api/v1/people/${past.id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="person-${past.id}.json"`);
    const data = res.body;
    expect(data.person).toMatchObject({
      id: past.id, given_name: 'Gulnar', custom_fields: { Phone: '+1 555 0100' }, tags: ['gdpr'],
      email_addresses: [{ address, status: 'subscribed', primary: true }],
    });
    expect(data.subscription_history).toEqual([expect.objectContaining({ status: 'subscribed', previous_status: null, source: 'import' })]);
    expect(data.messages).toEqual([expect.objectContaining({ message_id: past.messageId, email: address, status: 'sent', subject: 'Your voice on Sunday' })]);
    expect(data.delivery_attempts).toEqual([expect.objectContaining({ message_id: past.messageId, outcome: 'sent' })]);
    expect(data.delivery_attempts[0].reply).toMatch(/^250/);
    const kinds = data.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['click', 'page_view', 'post_started']));
    expect(data.bounces).toEqual([]);
    expect(data.reminder_requests).toEqual([]);
    expect(data.article_shares).toEqual([]);
  });

  it('erases the person from every table, keeps the numbers anonymous, and refuses them in a later import', async () => {
    const db = ctx().runtime.deps.db;
    const clicksBefore = await db.selectFrom('events').select('id').where('message_id', '=', past.messageId).where('kind', '=', 'click').execute();
    const before = await everyTable(db);
    expect(JSON.stringify(before.get('message_recipients'))).toContain(address);
    const browsers = before.get('events')!.filter((e) => e.person_id === past.id && e.visitor).map((e) => e.visitor as string);
    expect(browsers.length).toBeGreaterThan(0);

    const res = await ctx().api('DELETE', `/api/v1/people/${past.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: past.id,
      removed: { tags: 1, subscription_changes: 1, message_recipients: 1, bounce_events: 0, reminder_requests: 0, article_shares_anonymised: 0 },
    });
    expect(res.body.removed.events_anonymised).toBeGreaterThanOrEqual(4);

    for (const [table, rows] of await everyTable(db)) {
      expect(JSON.stringify(rows).toLowerCase(), `${table} still holds the address`).not.toContain(address);
      expect(rows.filter((r) => r.person_id === past.id), `${table} still points at the person`).toEqual([]);
      if (table === 'people') expect(rows.filter((r) => r.id === past.id)).toEqual([]);
      if (table === 'delivery_attempts') {
        const recipientIds = before.get('message_recipients')!.filter((r) => r.person_id === past.id).map((r) => r.id);
        expect(rows.filter((r) => recipientIds.includes(r.recipient_id))).toEqual([]);
      }
    }
    // nor do their browsers' ids or what storms handed them
    const visitorsAfter = (await everyTable(db)).get('events')!.map((e) => e.visitor);
    for (const browser of browsers) expect(visitorsAfter).not.toContain(browser);
    expect(await db.selectFrom('storm_assignments').selectAll().where('supporter', '=', `p:${past.id}`).execute()).toEqual([]);
    // the clicks still count in the message's numbers, linked to nobody
    const clicksAfter = await db.selectFrom('events').select(['id', 'person_id']).where('message_id', '=', past.messageId).where('kind', '=', 'click').execute();
    expect(clicksAfter.map((e) => e.id)).toEqual(clicksBefore.map((e) => e.id));
    expect(clicksAfter.every((e) => e.person_id === null)).toBe(true);
    expect((await db.selectFrom('erasures').selectAll().execute())).toHaveLength(1);
    // who erased whom (by id only) is in the audit log
    const audit = await db.selectFrom('audit_log').select(['action', 'subject']).execute();
    expect(audit).toContainEqual({ action: 'DELETE /api/v1/people/:id', subject: `id=${past.id}` });

    expect((await ctx().api('GET', `/api/v1/people/${past.id}`)).status).toBe(404);
    expect((await ctx().api('GET', `/api/v1/people/${past.id}/export`)).status).toBe(404);
    expect((await ctx().api('DELETE', `/api/v1/people/${past.id}`)).status).toBe(404);

    // an import of the same address (written differently) reports the row rather than adding them again
    const again = await ctx().api('POST', '/api/v1/people/import',
      `email,first_name\nfriend-${dialect}@gdpr.example.org,Friend\n ${address.toUpperCase()} ,Gulnar\n`, { 'content-type': 'text/csv' });
    expect(again.body).toEqual({
      imported: 1, updated: 0, rejected: [{ row: 3, field: 'email', reason: expect.stringMatching(/^erased on request/) }],
    });
    expect((await ctx().api('GET', `/api/v1/people?email=${encodeURIComponent(address)}`)).body.total).toBe(0);
  });
}, () => ({ env: { SMTP_URL: sink.url } }));

// no worker: the message stays 'sending' with the person's row queued, as in the middle of a send
describeEachDatabase('erasure during a send', (ctx) => {
  it('is refused while a message is being sent to the person, and done once the send is paused', async () => {
    const db = ctx().runtime.deps.db;
    const now = new Date().toISOString();
    const [personId] = await addSupporters(db, [{ email: 'midsend@gdpr.example.org' }]);
    const message = await db.insertInto('messages').values({
      subject: 'Now', body: 'Hi', from_address: null, language: 'en', target_tags: '[]', status: 'sending', scheduled_at: null,
      started_at: now, finished_at: null, recipients_total: 1, audience_done_at: now, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('message_recipients').values({
      message_id: message.id, person_id: personId!, email: 'midsend@gdpr.example.org', token: randomToken(), vars: '{}', status: 'queued',
      attempts: 0, last_reply: null, bounced: 0, sent_at: null, next_attempt_at: null,
    }).execute();

    const refused = await ctx().api('DELETE', `/api/v1/people/${personId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.title).toBe('A message is being sent to this person right now');
    expect((await ctx().api('GET', `/api/v1/people/${personId}`)).status).toBe(200);

    await db.updateTable('messages').set({ status: 'paused' }).where('id', '=', message.id).execute();
    const erased = await ctx().api('DELETE', `/api/v1/people/${personId}`);
    expect(erased.status).toBe(200);
    expect(erased.body.removed.message_recipients).toBe(1);
    expect(await db.selectFrom('message_recipients').select('id').where('message_id', '=', message.id).execute()).toEqual([]);
  });
}, { worker: false });
