// The whole core chain as an organiser and a supporter meet it, through the real HTTP server and a real
// SMTP server: import → storm → message → send → the mail → personal link → action page → network
// button → intent → numbers; then one-click unsubscribe, and the next send skips that person.
import { afterAll, beforeEach, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { startSmtpSink, type SinkMail } from '../helpers/smtp-sink.ts';
import { listUnsubscribeUrl, sendAndWait } from '../helpers/fixtures.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

// the storm is live at the clock's time
const clock = manualClock(new Date('2026-02-20T19:30:00Z'));

const csv = [
  '\uFEFFEmail Address,First Name,Last Name,Tags',
  'john@example.org,John,Smith,supporters',
  'gulnar@example.org,گۈلنار,تۇردى,supporters',
  'mei@example.org,晓明,王,supporters',
  'not-an-address,Bad,Row,supporters',
].join('\r\n');

function linksOf(mail: SinkMail): string[] {
  return [...String(mail.parsed.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

function mailTo(address: string): SinkMail {
  const mail = sink.mails.find((m) => m.envelopeTo.includes(address));
  if (!mail) throw new Error(`no mail to ${address}`);
  return mail;
}

/** A form on a page as a browser would submit it: every named hidden input and textarea, plus the pressed button. */
function formFields(html: string, button: { name: string; value: string }): URLSearchParams {
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (name) form.set(name, value);
  }
  const area = /<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
  if (area) form.set(area[1]!, decodeEntities(area[2]!));
  form.set(button.name, button.value);
  return form;
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[n]!);
}

describeEachDatabase('the core chain', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('takes a supporter from an imported list through a personal email to a counted post, and honours a one-click unsubscribe', async () => {
    const tag = `chain-${dialect}`;
    const { api, baseUrl } = ctx();

    // 1. import: three good rows stored, one bad row reported with its row and field
    const imported = await api('POST', `/api/v1/people/import?tag=${tag}`, csv, { 'content-type': 'text/csv' });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ imported: 3, updated: 0, rejected: [{ row: 5, field: 'email' }] });

    // 2. a storm, live now
    const storm = await api('POST', '/api/v1/storms', {
      title: 'Closing ceremony storm', slug: `closing-${dialect}`,
      starts_at: '2026-02-20T20:00:00+01:00', ends_at: '2026-02-20T22:00:00+01:00',
      hashtags: ['GenocideGames'], article_url: 'https://example.org/article',
      messages: [{ text: 'The world must not look away.' }, { text: 'Stand with the Uyghurs tonight.' }],
    });
    expect(storm.status).toBe(201);
    expect(storm.body.url).toBe(`${baseUrl}/s/closing-${dialect}`);

    // 3. the personal email, sent through the worker to the SMTP server
    const messageId = await sendAndWait(ctx(), {
      subject: 'Will you take part, {{ first_name | default: "friend" }}?',
      body: `Hi {{ first_name | default: "friend" }},\n\n[Send your post](${storm.body.url})\n\nNot on social media? [Read and share this article](https://example.org/article)`,
      targets: { tags: [tag] },
    });
    expect(sink.mails).toHaveLength(3);
    const mail = mailTo('gulnar@example.org');
    expect(mail.parsed.subject).toBe('Will you take part, گۈلنار?');
    expect(mail.parsed.text).toContain('Hi گۈلنار,');

    // 4. the personal "Send your post" link: our redirect, then the storm page knowing who came
    const personal = linksOf(mail).find((l) => l.includes('/l/') && new URL(l).searchParams.get('u')!.includes('/s/'))!;
    const hop = await fetch(personal, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    const pageUrl = hop.headers.get('location')!;
    expect(pageUrl).toMatch(new RegExp(`^${baseUrl}/s/closing-${dialect}\\?r=`));
    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const network of ['x', 'bluesky', 'mastodon', 'threads', 'facebook', 'linkedin', 'whatsapp', 'telegram', 'email']) {
      expect(html).toContain(`data-network="${network}"`);
    }

    // 5. the X button: a recorded post start, then the intent with the text
    const action = /<form[^>]*method="post"[^>]*action="([^"]+)"/.exec(html)?.[1] ?? `/s/closing-${dialect}/post`;
    const post = await fetch(new URL(decodeEntities(action), pageUrl), {
      method: 'POST', redirect: 'manual', body: formFields(html, { name: 'network', value: 'x' }),
    });
    expect(post.status).toBe(302);
    const intent = new URL(post.headers.get('location')!);
    expect(intent.origin + intent.pathname).toBe('https://x.com/intent/post');
    expect(intent.searchParams.get('text')).toContain('#GenocideGames');
    expect(post.headers.get('referrer-policy')).toBe('no-referrer');

    // 6. the numbers show it
    const stats = await api('GET', `/api/v1/storms/${storm.body.id}/stats`);
    expect(stats.body).toMatchObject({ views: 1, supporters: 1, posts: { total: 1, by_network: { x: 1, bluesky: 0 } } });
    expect(stats.body.posts.by_variant.reduce((n: number, v: { posts: number }) => n + v.posts, 0)).toBe(1);
    const message = await api('GET', `/api/v1/messages/${messageId}`);
    expect(message.body.statistics).toMatchObject({ sent: 3, failed: 0, clicked: 1, unsubscribed: 0, bounced: 0 });

    // 7. one-click unsubscribe (RFC 8058) from John's mail; the next send skips him
    const john = mailTo('john@example.org');
    const unsubscribe = listUnsubscribeUrl(john);
    const oneClick = await fetch(unsubscribe, {
      method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    const people = await api('GET', '/api/v1/people?email=john@example.org');
    expect(people.body.items[0].email_addresses[0].status).toBe('unsubscribed');

    sink.mails.length = 0;
    const second = await sendAndWait(ctx(), { subject: 'Tonight', body: 'It starts at eight.', targets: { tags: [tag] } });
    expect(sink.mails.flatMap((m) => m.envelopeTo).sort()).toEqual(['gulnar@example.org', 'mei@example.org']);
    expect((await api('GET', `/api/v1/messages/${second}`)).body.statistics.sent).toBe(2);
  });
}, () => ({ env: { SMTP_URL: sink.url }, clock }));
