import { afterAll, beforeEach, expect, it } from 'vitest';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { addSupporter, listUnsubscribeUrl, until } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

async function send(ctx: TestContext, tag: string): Promise<number> {
  const { body } = await ctx.api('POST', '/api/v1/messages', { subject: 'News', body: 'Hello {{ first_name }}', targets: { tags: [tag] } });
  await ctx.api('POST', `/api/v1/messages/${body.id}/send`);
  await until(async () => (await ctx.api('GET', `/api/v1/messages/${body.id}`)).body.status === 'sent');
  return body.id;
}

const oneClick = (url: string) => fetch(url, {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
});

async function statusOf(ctx: TestContext, personId: number) {
  const db = ctx.runtime.deps.db;
  const person = await db.selectFrom('people').select('status').where('id', '=', personId).executeTakeFirstOrThrow();
  const history = await db.selectFrom('subscription_changes').select(['status', 'source', 'detail']).where('person_id', '=', personId).execute();
  return { status: person.status, history };
}

describeEachDatabase('unsubscribing from a message', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('unsubscribes with the one-click POST a mail client makes, and records how', async () => {
    const tag = `oneclick-${dialect}`;
    const personId = await addSupporter(ctx().runtime.deps.db, `${tag}@example.org`, tag);
    const messageId = await send(ctx(), tag);
    const res = await oneClick(listUnsubscribeUrl(sink.mails[0]!));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await statusOf(ctx(), personId)).toEqual({
      status: 'unsubscribed', history: [{ status: 'unsubscribed', source: 'one-click', detail: `message:${messageId}` }],
    });
    expect((await ctx().api('GET', `/api/v1/messages/${messageId}`)).body.statistics.unsubscribed).toBe(1);
  });

  it('shows a page with one button on GET and unsubscribes only when it is pressed', async () => {
    const tag = `page-${dialect}`;
    const personId = await addSupporter(ctx().runtime.deps.db, `${tag}@example.org`, tag);
    const messageId = await send(ctx(), tag);
    const url = listUnsubscribeUrl(sink.mails[0]!);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post"');
    expect(html).not.toContain(`${tag}@example.org`);
    expect((await statusOf(ctx(), personId)).status).toBe('subscribed');

    const action = /action="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    const pressed = await fetch(new URL(action, url), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'confirm=yes',
    });
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain('You are unsubscribed');
    expect(await statusOf(ctx(), personId)).toEqual({
      status: 'unsubscribed', history: [{ status: 'unsubscribed', source: 'unsubscribe-page', detail: `message:${messageId}` }],
    });
  });

  it('accepts the one-click body as multipart form data and changes nothing the second time', async () => {
    const tag = `twice-${dialect}`;
    const personId = await addSupporter(ctx().runtime.deps.db, `${tag}@example.org`, tag);
    await send(ctx(), tag);
    const url = listUnsubscribeUrl(sink.mails[0]!);
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    expect((await fetch(url, { method: 'POST', body: form })).status).toBe(200);
    expect((await oneClick(url)).status).toBe(200);
    const { status, history } = await statusOf(ctx(), personId);
    expect(status).toBe('unsubscribed');
    expect(history).toHaveLength(1);
    expect(history[0]!.source).toBe('one-click');
  });

  it('refuses an unsubscribe link with a wrong signature', async () => {
    const tag = `badsig-${dialect}`;
    const personId = await addSupporter(ctx().runtime.deps.db, `${tag}@example.org`, tag);
    await send(ctx(), tag);
    const url = new URL(listUnsubscribeUrl(sink.mails[0]!));
    url.searchParams.set('s', 'AAAAAAAAAAAAAAAAAAAAAA');
    expect((await oneClick(url.toString())).status).toBe(400);
    expect((await fetch(url)).status).toBe(400);
    expect((await statusOf(ctx(), personId)).status).toBe('subscribed');
  });

  it('leaves an unsubscribed person out of the next send', async () => {
    const tag = `next-${dialect}`;
    await addSupporter(ctx().runtime.deps.db, `${tag}-leaver@example.org`, tag);
    await addSupporter(ctx().runtime.deps.db, `${tag}-stayer@example.org`, tag);
    await send(ctx(), tag);
    const leaverMail = sink.mails.find((m) => m.envelopeTo[0] === `${tag}-leaver@example.org`)!;
    await oneClick(listUnsubscribeUrl(leaverMail));
    sink.mails.length = 0;
    const second = await send(ctx(), tag);
    expect(sink.mails.map((m) => m.envelopeTo[0])).toEqual([`${tag}-stayer@example.org`]);
    expect((await ctx().api('GET', `/api/v1/messages/${second}`)).body.statistics.total).toBe(1);
  });
}, () => ({ env: { SMTP_URL: sink.url } }));
