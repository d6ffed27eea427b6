// A person's timeline paged back: with many items sharing one time (a frozen clock), from more than one
// source, every page goes on exactly after the last item shown, so each item comes once and none is lost.
import { expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { addEmailRecipient } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const AT = '2030-02-20T12:30:00.000Z';
const clock = manualClock(AT);

type Item = { at: string; kind: string; [k: string]: unknown };

/** Every item, following next_before page after page of `limit`. */
async function readAll(ctx: TestContext, personId: number, limit: number): Promise<Item[]> {
  const items: Item[] = [];
  let before: string | null | undefined;
  for (let pages = 0; before !== null; pages++) {
    expect(pages).toBeLessThan(100);
    const query = before === undefined ? '' : `&before=${encodeURIComponent(before)}`;
    const res = await ctx.api('GET', `/api/v1/people/${personId}/history?limit=${limit}${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.body.items);
    before = res.body.next_before;
  }
  return items;
}

describeEachDatabase('a person\'s timeline, page by page', (ctx, dialect) => {
  it('pages through many items sharing one time with a small limit, giving each exactly once', async () => {
    const { db } = ctx().runtime.deps;
    // the message they got is from the real now, before the frozen clock's time
    const { token, personId } = await addEmailRecipient(db, 'en');
    const slug = `history-${dialect}`;
    const storm = await ctx().api('POST', '/api/v1/storms', {
      title: 'Free them all', slug, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z',
      hashtags: ['FreeThemAll'], messages: [{ text: 'Free them all, now.' }],
    });
    expect(storm.status).toBe(201);

    // all at one time: three status changes, and through their personal link page views and posts started
    for (const status of ['unsubscribed', 'subscribed', 'unsubscribed']) {
      expect((await ctx().api('PUT', `/api/v1/people/${personId}/subscription`, { status })).status).toBe(200);
    }
    const cookie = `oc_v=${randomToken()}`;
    for (let i = 0; i < 4; i++) {
      const page = await fetch(`${ctx().baseUrl}/s/${slug}?r=${token}`, { headers: { accept: 'text/html', cookie } });
      const html = await page.text();
      expect(page.status).toBe(200);
      const fields = new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
      for (const network of ['x', 'bluesky']) {
        fields.set('network', network);
        fields.set('text', 'Free them all, now.');
        const res = await fetch(`${ctx().baseUrl}/s/${slug}/post`, {
          method: 'POST', redirect: 'manual', body: fields, headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie },
        });
        expect(res.status).toBe(302);
      }
    }
    const events = await db.selectFrom('events').select(['kind', 'created_at']).where('person_id', '=', personId).execute();
    expect(events.filter((e) => e.kind === 'page_view')).toHaveLength(4);
    expect(events.filter((e) => e.kind === 'post_started')).toHaveLength(8);

    const full = await ctx().api('GET', `/api/v1/people/${personId}/history?limit=500`);
    expect(full.body.next_before).toBeNull();
    const all = full.body.items as Item[];
    // 3 status changes and 12 events at the frozen time, then the message
    expect(all).toHaveLength(3 + events.length + 1);
    expect(all.filter((i) => i.at === AT)).toHaveLength(3 + events.length);
    expect(all.at(-1)).toMatchObject({ kind: 'message', subject: 'Will you take part?' });

    // a page's edge falls inside the run of equal times, in one source and between two
    for (const limit of [1, 2, 3, 5, 7]) expect(await readAll(ctx(), personId, limit), `limit ${limit}`).toEqual(all);

    // a plain time still pages: everything older than it
    const older = await ctx().api('GET', `/api/v1/people/${personId}/history?before=${encodeURIComponent(AT)}`);
    expect(older.body.items).toEqual([all.at(-1)]);
    // a made-up cursor is refused, naming the field
    for (const before of ['yesterday', Buffer.from(JSON.stringify([AT, 'nowhere', 1])).toString('base64url')]) {
      const res = await ctx().api('GET', `/api/v1/people/${personId}/history?before=${before}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.invalid_params).toEqual([{ name: 'before', reason: expect.any(String) }]);
    }
  });
}, { clock });
