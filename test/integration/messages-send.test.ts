import { afterAll, beforeEach, expect, it } from 'vitest';
import { startSmtpSink, type SinkMail } from '../helpers/smtp-sink.ts';
import { addSupporters, sendAndWait, until } from '../helpers/fixtures.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());


function header(mail: SinkMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

const mailTo = (address: string) => sink.mails.filter((m) => m.envelopeTo.includes(address));

const STORM = 'closing-ceremony';
const body = (baseUrl: string) => `Hi {{ first_name | default: "friend" }},

Will you take part in a **storm** on Sunday?

[Send your post](${baseUrl}/s/${STORM})

Not on social media? [Read and share this article](https://example.org/blog/uyghur-region?ref=mail&x=1).
`;

describeEachDatabase('sending a message', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; sink.refuse.clear(); });

  it('mails every subscribed person with a target tag once, personalised, with both parts and unsubscribe headers', async () => {
    const d = `${dialect}-a`;
    await addSupporters(ctx().runtime.deps.db, [
      { email: `john-${d}@example.org`, given_name: 'John', tags: ['volunteers'] },
      { email: `gulnar-${d}@example.org`, given_name: 'Gulnar', tags: ['volunteers', 'london'] },
      { email: `anon-${d}@example.org`, tags: ['london'] },
      { email: `other-${d}@example.org`, given_name: 'Other', tags: ['press'] },
      { email: `gone-${d}@example.org`, given_name: 'Gone', tags: ['volunteers'], status: 'unsubscribed' },
      { email: `untagged-${d}@example.org`, given_name: 'Untagged' },
    ]);
    const id = await sendAndWait(ctx(), {
      subject: '{{ first_name | default: "Friend" }}, will you take part?', body: body(ctx().baseUrl),
      from: 'Rahima Mahmut <rahima@example.org>', targets: { tags: ['volunteers', 'london'] },
    });

    expect(sink.mails.map((m) => m.envelopeTo[0]).sort()).toEqual([`anon-${d}@example.org`, `gulnar-${d}@example.org`, `john-${d}@example.org`]);
    const [john] = mailTo(`john-${d}@example.org`);
    expect(john!.parsed.subject).toBe('John, will you take part?');
    expect(john!.parsed.from?.value[0]).toMatchObject({ name: 'Rahima Mahmut', address: 'rahima@example.org' });
    expect(john!.parsed.text).toContain('Hi John,');
    expect(john!.parsed.html).toContain('Hi John,');
    expect(john!.parsed.html).toContain('<strong>storm</strong>');
    expect(mailTo(`anon-${d}@example.org`)[0]!.parsed.text).toContain('Hi friend,');

    const unsubscribe = header(john!, 'List-Unsubscribe');
    expect(unsubscribe).toMatch(new RegExp(`^<${ctx().baseUrl}/u/[A-Za-z0-9_-]{22}\\?s=[A-Za-z0-9_-]+>$`));
    expect(header(john!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(john!, 'Feedback-ID')).toBe(`message-${id}:outcry`);
    expect(john!.parsed.messageId).toMatch(/@127\.0\.0\.1>$/);
    // the footer links to the same unsubscribe page, in both parts
    const unsubscribeUrl = unsubscribe!.slice(1, -1);
    expect(john!.parsed.html).toContain(`href="${unsubscribeUrl.replace(/&/g, '&amp;')}"`);
    expect(john!.parsed.text).toContain(`Unsubscribe: ${unsubscribeUrl}`);

    const message = (await ctx().api('GET', `/api/v1/messages/${id}`)).body;
    expect(message).toMatchObject({ status: 'sent', total_targeted: 3, statistics: { total: 3, sent: 3, failed: 0, bounced: 0, clicked: 0 } });
    expect(message.sent_end_date).toEqual(expect.any(String));
  });

  it('rewrites every web link to a signed first-party link, and gives storm links the recipient token', async () => {
    const d = `${dialect}-b`;
    await addSupporters(ctx().runtime.deps.db, [{ email: `links-${d}@example.org`, given_name: 'Li', tags: [d] }]);
    await sendAndWait(ctx(), { subject: 'Links', body: body(ctx().baseUrl), targets: { tags: [d] } });
    const [mail] = sink.mails;
    const html = mail!.parsed.html as string;
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const tracked = hrefs.filter((h) => h.startsWith(`${ctx().baseUrl}/l/`));
    expect(tracked).toHaveLength(2);
    expect(hrefs.some((h) => h.startsWith('https://example.org'))).toBe(false);
    const destinations = tracked.map((h) => new URL(h).searchParams.get('u')!);
    const token = new URL(tracked[0]!).pathname.split('/')[2]!;
    expect(destinations).toContain(`${ctx().baseUrl}/s/${STORM}`);
    expect(destinations).toContain('https://example.org/blog/uyghur-region?ref=mail&x=1');
    // the redirect gives the storm page the recipient's token, and leaves other sites' addresses alone
    const arrivals = await Promise.all(tracked.map(async (h) => (await fetch(h, { redirect: 'manual' })).headers.get('location')));
    expect(arrivals).toContain(`${ctx().baseUrl}/s/${STORM}?r=${token}`);
    expect(arrivals).toContain('https://example.org/blog/uyghur-region?ref=mail&x=1');
    // the text part carries the same tracked links
    for (const h of tracked) expect(mail!.parsed.text).toContain(h);
    // the call to action is a button: a paragraph of one link becomes a styled table cell
    expect(html).toMatch(/<td[^>]*bgcolor[^>]*>\s*<a\s+href="[^"]+\/l\/[^"]+"[^>]*>\s*Send your post/);
    expect(html).not.toMatch(/googleapis|<img|<script/);
  });

  it('escapes merge values in the HTML part and keeps them as written in the text part', async () => {
    const d = `${dialect}-c`;
    await addSupporters(ctx().runtime.deps.db, [{ email: `mallory-${d}@example.org`, given_name: '<b>Mallory</b> & "co"', tags: [d] }]);
    await sendAndWait(ctx(), { subject: 'Hello', body: 'Hi {{ given_name }}!', targets: { tags: [d] } });
    const [mail] = sink.mails;
    expect(mail!.parsed.html).toContain('Hi &lt;b&gt;Mallory&lt;/b&gt; &amp; &#34;co&#34;!');
    expect(mail!.parsed.html).not.toContain('<b>Mallory</b>');
    expect(mail!.parsed.text).toContain('Hi <b>Mallory</b> & "co"!');
  });

  it('sets the language and writing direction of the email from the message language', async () => {
    const d = `${dialect}-d`;
    await addSupporters(ctx().runtime.deps.db, [{ email: `ug-${d}@example.org`, given_name: 'گۈلنار', tags: [d] }]);
    await sendAndWait(ctx(), { subject: 'ياردەم', body: 'ياخشىمۇسىز {{ first_name }}', language: 'ug', targets: { tags: [d] } });
    const html = sink.mails[0]!.parsed.html as string;
    expect(html).toMatch(/<html[^>]*lang="ug"[^>]*dir="rtl"/);
    expect(html).toContain('ياخشىمۇسىز گۈلنار');
  });

  it('fails a refused address, marks it bounced and the person bouncing, and mails the others', async () => {
    const d = `${dialect}-e`;
    const [refusedId] = await addSupporters(ctx().runtime.deps.db, [
      { email: `refused-${d}@example.org`, tags: [d] },
      { email: `fine-${d}@example.org`, tags: [d] },
    ]);
    sink.refuse.add(`refused-${d}@example.org`);
    const id = await sendAndWait(ctx(), { subject: 'Bounce', body: 'Hello', targets: { tags: [d] } });
    expect(sink.mails.map((m) => m.envelopeTo[0])).toEqual([`fine-${d}@example.org`]);
    const stats = (await ctx().api('GET', `/api/v1/messages/${id}`)).body.statistics;
    expect(stats).toMatchObject({ total: 2, sent: 1, failed: 1, bounced: 1 });
    const person = await ctx().runtime.deps.db.selectFrom('people').select('status').where('id', '=', refusedId!).executeTakeFirstOrThrow();
    expect(person.status).toBe('bouncing');
    const change = await ctx().runtime.deps.db.selectFrom('subscription_changes').selectAll().where('person_id', '=', refusedId!).executeTakeFirstOrThrow();
    expect(change).toMatchObject({ status: 'bouncing', source: 'bounce', detail: `message:${id}` });
    const row = await ctx().runtime.deps.db.selectFrom('message_recipients').select(['status', 'last_reply'])
      .where('person_id', '=', refusedId!).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.last_reply).toContain('550');
  });

  it('records the relay reply for each sent recipient', async () => {
    const d = `${dialect}-f`;
    const [personId] = await addSupporters(ctx().runtime.deps.db, [{ email: `reply-${d}@example.org`, tags: [d] }]);
    await sendAndWait(ctx(), { subject: 'Reply', body: 'Hello', targets: { tags: [d] } });
    const row = await ctx().runtime.deps.db.selectFrom('message_recipients').select(['status', 'last_reply', 'sent_at'])
      .where('person_id', '=', personId!).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.last_reply).toMatch(/^250 /);
    expect(row.sent_at).toEqual(expect.any(String));
  });
}, () => ({ env: { SMTP_URL: sink.url } }));
