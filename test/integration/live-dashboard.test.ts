// The organiser's live stream, GET /api/v1/storms/:id/live: a snapshot of a storm's numbers on connect and
// on every change — posts started per minute, per network and per variant, public posts, and the funnel from
// the emails that linked to the page (delivered through a real SMTP server) to the posts started.
import { afterAll, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { openStream } from '../helpers/event-stream-client.ts';
import { addTaggedSupporters, sendAndWait } from '../helpers/fixtures.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());
const clock = manualClock('2030-02-20T12:30:20Z');

/** A supporter at the page (from a personal link, or with a cookie of their own) presses a network's button. */
async function post(ctx: TestContext, pageUrl: string, network: string) {
  const cookie = `oc_v=${randomToken()}`;
  const html = await (await fetch(pageUrl, { headers: { cookie } })).text();
  const fields = new URLSearchParams({ network, text: 'Stand with the Uyghurs tonight. #StandWithUyghurs' });
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(m[1]!, m[2]!);
  const action = /<form class="post" method="post" action="([^"]+)">/.exec(html)![1]!.replace(/&amp;/g, '&');
  const res = await fetch(new URL(action, ctx.baseUrl), {
    method: 'POST', redirect: 'manual', body: fields, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.status).toBe(302);
}

describeEachDatabase('the organiser\'s live stream', (ctx, dialect) => {
  it('sends the numbers on connect and again when supporters post: per minute, network, variant, and the funnel from email', async () => {
    const tag = `live-${dialect}`;
    await addTaggedSupporters(ctx().runtime.deps.db, tag, 3);
    const storm = await ctx().api('POST', '/api/v1/storms', {
      title: 'Closing ceremony', slug: `dashboard-${dialect}`, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z',
      hashtags: ['StandWithUyghurs'], messages: [{ text: 'Stand with the Uyghurs tonight.' }, { text: 'The world must not look away from the camps, not tonight and not tomorrow.' }],
    });
    expect(storm.status).toBe(201);
    const { id, url } = storm.body as { id: number; url: string };
    await sendAndWait(ctx(), { subject: 'Tonight', body: `Hi,\n\n[Post now](${url})`, targets: { tags: [tag] } });
    // an email linking elsewhere is no invitation to this storm
    await sendAndWait(ctx(), { subject: 'Also', body: `See ${url}-archive and ${url}/post`, targets: { tags: [tag] } });

    const live = `${ctx().baseUrl}/api/v1/storms/${id}/live`;
    const stream = await openStream(live, { authorization: `Bearer ${ctx().token}` });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      const first = await stream.next(() => true);
      expect(first).toMatchObject({
        state: 'during', posts_started_total: 0, public_posts: { bluesky: 0, mastodon: 0 },
        per_network: { x: 0, bluesky: 0, mastodon: 0, threads: 0, facebook: 0, linkedin: 0, whatsapp: 0, telegram: 0, email: 0 },
        funnel: { sent: 3, clicked: 0, page_views: 0, posts_started: 0 },
      });
      expect(first.at).toBe('2030-02-20T12:30:20.000Z');
      // every minute of the window so far, a quiet one as 0
      expect(first.per_minute).toHaveLength(31);
      expect(first.per_minute[0]).toEqual({ minute: '2030-02-20T12:00:00.000Z', count: 0 });
      expect(first.per_minute[30]).toEqual({ minute: '2030-02-20T12:30:00.000Z', count: 0 });
      expect(first.per_variant).toEqual([
        { variant_id: expect.any(Number), label: '1. Stand with the Uyghurs tonight.', count: 0 },
        { variant_id: expect.any(Number), label: '2. The world must not look away from the camps, not tonight…', count: 0 },
      ]);

      // one supporter from their email (through our link redirect), one who came another way
      const personal = sink.mails.flatMap((mail) => [...String(mail.parsed.html).matchAll(/href="([^"]+)"/g)])
        .map((m) => m[1]!.replace(/&amp;/g, '&'))
        .find((l) => l.includes('/l/') && new URL(l).searchParams.get('u')!.startsWith(url))!;
      const hop = await fetch(personal, { redirect: 'manual' });
      expect(hop.status).toBe(302);
      await post(ctx(), hop.headers.get('location')!, 'bluesky');
      await post(ctx(), url, 'x');

      const after = await stream.next((e) => e.posts_started_total === 2, 5_000);
      expect(after).toMatchObject({
        posts_started_total: 2,
        per_network: { x: 1, bluesky: 1, mastodon: 0 },
        funnel: { sent: 3, clicked: 1, page_views: 2, posts_started: 2 },
      });
      expect(after.per_minute.at(-1)).toEqual({ minute: '2030-02-20T12:30:00.000Z', count: 2 });
      expect(after.per_variant.reduce((n: number, v: { count: number }) => n + v.count, 0)).toBe(2);

      // pushed on change only: no two events in a row say the same
      const seen = stream.events.map(({ at: _, ...rest }: any) => JSON.stringify(rest));
      expect(new Set(seen).size).toBe(seen.length);
      // the same numbers as the stats endpoint
      const stats = (await ctx().api('GET', `/api/v1/storms/${id}/stats`)).body;
      expect(stats.posts.by_network).toEqual(after.per_network);
    } finally {
      stream.close();
    }
  }, 60_000);

  it('needs the organiser\'s credentials, and answers 404 for a storm that is not there', async () => {
    const anonymous = await openStream(`${ctx().baseUrl}/api/v1/storms/1/live`, { accept: 'application/json' });
    expect(anonymous.status).toBe(401);
    anonymous.close();
    const missing = await openStream(`${ctx().baseUrl}/api/v1/storms/99999/live`, { authorization: `Bearer ${ctx().token}`, accept: 'application/json' });
    expect(missing.status).toBe(404);
    missing.close();
  });
}, () => ({ env: { SMTP_URL: sink.url }, clock }));
