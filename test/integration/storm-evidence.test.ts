// Evidence of posts: the public posts carrying a storm's hashtags, read from Bluesky's search and Mastodon
// hashtag timelines (fakes on 127.0.0.1 that publish posts as the test's clock reaches them), and the post
// links supporters paste after posting.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { pollPublicPosts } from '../../src/modules/storms/index.ts';
import { addEmailRecipient, until } from '../helpers/fixtures.ts';
import { startFakeBluesky, startFakeMastodon, type FakeBluesky, type FakeMastodon } from '../helpers/fake-social.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-03-01T11:00:00Z');
let bluesky: FakeBluesky;
let mastodon: FakeMastodon;
let otherMastodon: FakeMastodon;

beforeAll(async () => {
  bluesky = await startFakeBluesky(clock);
  mastodon = await startFakeMastodon(clock, 'social.example');
  otherMastodon = await startFakeMastodon(clock, 'other.example');
});

afterAll(async () => {
  await Promise.all([bluesky?.close(), mastodon?.close(), otherMastodon?.close()]);
});

/** 2030-03-DDTHH:MM:SS(.mmm)Z */
const at = (day: string, time: string) => `2030-03-${day}T${time}Z`;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

async function newStorm(ctx: TestContext, fields: { slug: string; day: string; hashtags: string[]; mastodon_instances?: string[] }) {
  const res = await ctx.api('POST', '/api/v1/storms', {
    title: 'The genocide is not over', slug: fields.slug, starts_at: at(fields.day, '12:00:00'), ends_at: at(fields.day, '12:05:00'),
    hashtags: fields.hashtags, messages: [{ text: 'The Olympic flame goes out; the camps stay open.' }],
    ...(fields.mastodon_instances ? { mastodon_instances: fields.mastodon_instances } : {}),
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as number, slug: fields.slug };
}

async function publicPosts(ctx: TestContext, stormId: number) {
  const res = await ctx.api('GET', `/api/v1/storms/${stormId}/stats`);
  expect(res.status).toBe(200);
  return res.body.public_posts;
}

async function pollAt(ctx: TestContext, time: string) {
  clock.set(time);
  await pollPublicPosts(ctx.runtime.deps);
}

/** A browser's submission of the "I posted" form. */
async function reportLink(ctx: TestContext, slug: string, fields: Record<string, string>, accept = 'text/html') {
  const res = await fetch(`${ctx.baseUrl}/s/${slug}/posted`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(fields),
    headers: { accept, 'content-type': 'application/x-www-form-urlencoded', cookie: `oc_v=${VISITOR}` },
  });
  return { status: res.status, location: res.headers.get('location') ?? '', type: res.headers.get('content-type') ?? '', body: await res.text() };
}
const VISITOR = randomToken();

const recipientToken = (ctx: TestContext) => addEmailRecipient(ctx.runtime.deps.db, null);

describeEachDatabase('evidence of a storm', (ctx, dialect) => {
  // each database's run has its own hashtags, since both talk to the same fakes
  const tag = (name: string) => `${name}${dialect === 'sqlite' ? 'S' : 'P'}`;

  it('counts the public posts carrying its hashtags per minute, on Bluesky and Mastodon, each once and only inside the window', async () => {
    const [genocide, uyghurs] = [tag('GenocideGames'), tag('StandWithUyghurs')];
    const d = '01';
    const { id } = await newStorm(ctx(), {
      slug: `evidence-${dialect}`, day: d, hashtags: [genocide, uyghurs], mastodon_instances: [mastodon.baseUrl, otherMastodon.baseUrl],
    });

    bluesky.add([
      { createdAt: at(d, '11:59:30'), tags: [genocide] }, // before the start
      ...['12:00:10', '12:00:20', '12:00:30'].map((t) => ({ createdAt: at(d, t), tags: [genocide] })),
      // more than one page of 100: the search is followed by its cursor
      ...Array.from({ length: 130 }, (_, i) => ({ createdAt: plus(at(d, '12:01:00'), i * 400), tags: [genocide] })),
      { createdAt: at(d, '12:01:55'), tags: [genocide, uyghurs] }, // found by both searches, counted once
      { createdAt: at(d, '12:02:00'), tags: [tag('Olympics')] }, // not the storm's
      { createdAt: at(d, '12:03:20'), tags: [uyghurs] },
      { createdAt: at(d, '12:03:40'), tags: [uyghurs] },
      { createdAt: at(d, '12:04:40'), indexedAt: at(d, '12:06:30'), tags: [genocide] }, // indexed after the end
      { createdAt: at(d, '12:04:59'), tags: [genocide] },
      { createdAt: at(d, '12:05:10'), tags: [genocide] }, // after the end
    ]);
    const [firstOnTheSecond] = mastodon.add([
      ...Array.from({ length: 45 }, (_, i) => ({ createdAt: plus(at(d, '12:02:00'), i * 500), tags: [genocide] })),
    ]);
    mastodon.add([
      { createdAt: at(d, '11:58:00'), tags: [genocide] },
      { createdAt: at(d, '12:00:30'), tags: [genocide] },
      { createdAt: at(d, '12:04:00'), tags: [uyghurs] },
      { createdAt: at(d, '12:04:10'), tags: [uyghurs] },
      { createdAt: at(d, '12:06:00'), tags: [genocide] }, // after the end
    ]);
    otherMastodon.add([
      { createdAt: at(d, '12:02:00'), tags: [genocide], uri: firstOnTheSecond }, // the same post, federated
      { createdAt: at(d, '12:03:00'), tags: [genocide, uyghurs] },
    ]);

    clock.set(at(d, '11:59:50'));
    expect((await publicPosts(ctx(), id))).toMatchObject({ total: 0, by_network: { bluesky: 0, mastodon: 0 }, per_minute: [] });

    await pollAt(ctx(), at(d, '12:00:45'));
    await pollAt(ctx(), at(d, '12:02:30'));
    const midway = await publicPosts(ctx(), id);
    expect(midway.per_minute).toEqual([
      { minute: `2030-03-${d}T12:00`, bluesky: 3, mastodon: 1 },
      { minute: `2030-03-${d}T12:01`, bluesky: 131, mastodon: 0 },
      { minute: `2030-03-${d}T12:02`, bluesky: 0, mastodon: 45 },
    ]);

    await pollAt(ctx(), at(d, '12:04:30')); // reads again what the last poll read: nothing counts twice
    await pollAt(ctx(), at(d, '12:07:00')); // after the end, for posts that came in late
    const expected = {
      total: 187,
      by_network: { bluesky: 138, mastodon: 49 },
      per_minute: [
        { minute: `2030-03-${d}T12:00`, bluesky: 3, mastodon: 1 },
        { minute: `2030-03-${d}T12:01`, bluesky: 131, mastodon: 0 },
        { minute: `2030-03-${d}T12:02`, bluesky: 0, mastodon: 45 },
        { minute: `2030-03-${d}T12:03`, bluesky: 2, mastodon: 1 },
        { minute: `2030-03-${d}T12:04`, bluesky: 2, mastodon: 2 },
      ],
    };
    expect(await publicPosts(ctx(), id)).toMatchObject(expected);

    const searches = bluesky.requests.filter((u) => u.searchParams.get('q') === `#${genocide}`);
    expect(searches.every((u) => u.searchParams.get('until') === at(d, '12:05:00.000') && u.searchParams.get('limit') === '100')).toBe(true);
    expect(searches.some((u) => u.searchParams.has('cursor'))).toBe(true);
    expect(mastodon.requests.some((u) => u.pathname === `/api/v1/timelines/tag/${genocide}` && u.searchParams.has('max_id'))).toBe(true);

    const rows = await ctx().runtime.deps.db.selectFrom('storm_public_posts').selectAll().where('storm_id', '=', id)
      .where('post_id', '=', firstOnTheSecond!).execute();
    expect(rows).toEqual([expect.objectContaining({ network: 'mastodon', url: expect.stringMatching(/^https:\/\/(social|other)\.example\/@/) })]);

    // ten minutes after the end the storm is no longer read
    const asked = bluesky.requests.length;
    bluesky.add([{ createdAt: at(d, '12:04:50'), indexedAt: at(d, '12:16:00'), tags: [genocide] }]);
    await pollAt(ctx(), at(d, '12:20:00'));
    expect(await publicPosts(ctx(), id)).toMatchObject({ total: 187 });
    expect(bluesky.requests.slice(asked).some((u) => u.searchParams.get('q') === `#${genocide}`)).toBe(false);
  });

  it('pages back by time when the Bluesky AppView refuses a search cursor', async () => {
    const d = '02';
    const refused = tag('NoCursor');
    const { id } = await newStorm(ctx(), { slug: `no-cursor-${dialect}`, day: d, hashtags: [refused], mastodon_instances: [] });
    bluesky.add(Array.from({ length: 250 }, (_, i) => ({ createdAt: plus(at(d, '12:00:00'), i * 200), tags: [refused] })));
    bluesky.refuseCursor = true;
    try {
      await pollAt(ctx(), at(d, '12:01:00'));
    } finally {
      bluesky.refuseCursor = false;
    }
    expect(await publicPosts(ctx(), id)).toMatchObject({ total: 250, by_network: { bluesky: 250, mastodon: 0 } });
    const searches = bluesky.requests.filter((u) => u.searchParams.get('q') === `#${refused}`);
    expect(searches.some((u) => u.searchParams.has('cursor'))).toBe(true);
    expect(new Set(searches.map((u) => u.searchParams.get('until'))).size).toBeGreaterThan(2);
  });

  it('reads the other sources when one is down', async () => {
    const d = '03';
    const hashtag = tag('Outage');
    const { id } = await newStorm(ctx(), { slug: `outage-${dialect}`, day: d, hashtags: [hashtag], mastodon_instances: ['http://127.0.0.1:1', mastodon.baseUrl] });
    mastodon.add([{ createdAt: at(d, '12:00:05'), tags: [hashtag] }]);
    bluesky.add([{ createdAt: at(d, '12:00:06'), tags: [hashtag] }]);
    await pollAt(ctx(), at(d, '12:00:30'));
    expect(await publicPosts(ctx(), id)).toMatchObject({ total: 2, by_network: { bluesky: 1, mastodon: 1 } });
  });

  it('looks for posts by itself every PUBLIC_POSTS_POLL_SECONDS while the storm is on', async () => {
    const d = '04';
    const hashtag = tag('ByItself');
    const { id } = await newStorm(ctx(), { slug: `by-itself-${dialect}`, day: d, hashtags: [hashtag], mastodon_instances: [mastodon.baseUrl] });
    bluesky.add([{ createdAt: at(d, '12:01:00'), tags: [hashtag] }, { createdAt: at(d, '12:02:00'), tags: [hashtag] }]);
    mastodon.add([{ createdAt: at(d, '12:01:30'), tags: [hashtag] }]);
    clock.set(at(d, '12:03:00'));
    await until(async () => (await publicPosts(ctx(), id)).total === 3, 10_000);
    expect((await publicPosts(ctx(), id)).per_minute).toEqual([
      { minute: `2030-03-${d}T12:01`, bluesky: 1, mastodon: 1 },
      { minute: `2030-03-${d}T12:02`, bluesky: 1, mastodon: 0 },
    ]);
  });

  it('takes Mastodon servers for a storm as host names or URLs, mastodon.social when none are given', async () => {
    const made = await newStorm(ctx(), { slug: `servers-${dialect}`, day: '05', hashtags: ['Uyghurs'] });
    expect((await ctx().api('GET', `/api/v1/storms/${made.id}`)).body.mastodon_instances).toEqual(['mastodon.social']);
    const patched = await ctx().api('PATCH', `/api/v1/storms/${made.id}`, { mastodon_instances: ['https://Chaos.Social/', 'mastodon.social', 'chaos.social'] });
    expect(patched.status).toBe(200);
    expect(patched.body.mastodon_instances).toEqual(['chaos.social', 'mastodon.social']);
    const bad = await ctx().api('PATCH', `/api/v1/storms/${made.id}`, { mastodon_instances: ['mastodon.social', 'not a server'] });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params).toEqual([{ name: 'mastodon_instances.1', reason: expect.stringContaining('not a Mastodon server') }]);
  });

  it('records the link a supporter pastes after posting, with its network, once per link', async () => {
    const d = '06';
    const { id, slug } = await newStorm(ctx(), { slug: `posted-${dialect}`, day: d, hashtags: ['Uyghurs'], mastodon_instances: [] });
    const { token, personId } = await recipientToken(ctx());
    const link = 'https://bsky.app/profile/rahima.bsky.social/post/3lbb4moalcc2j';

    clock.set(at(d, '11:30:00'));
    const early = await reportLink(ctx(), slug, { url: link });
    expect(early).toMatchObject({ status: 303, location: `/s/${slug}` });

    clock.set(at(d, '12:02:00'));
    const res = await reportLink(ctx(), slug, { url: `  ${link}?utm_source=x#replies `, r: token });
    expect(res).toMatchObject({ status: 303, location: `/s/${slug}?posted=1&r=${token}` });
    expect((await fetch(`${ctx().baseUrl}${res.location}`, { headers: { accept: 'text/html' } })).status).toBe(200);
    const events = await ctx().runtime.deps.db.selectFrom('events').selectAll().where('storm_id', '=', id).where('kind', '=', 'post_reported').execute();
    expect(events).toEqual([expect.objectContaining({ network: 'bluesky', url: link, person_id: personId, visitor: VISITOR })]);

    expect((await reportLink(ctx(), slug, { url: link })).status).toBe(303); // the same post again
    expect((await reportLink(ctx(), slug, { url: 'https://x.com/rahima/status/1897000000000000000?s=20' })).status).toBe(303);
    clock.set(at(d, '12:30:00')); // after the end: a link still counts
    expect((await reportLink(ctx(), slug, { url: 'https://mastodon.social/@rahima/113456789012345678' })).location).toBe(`/s/${slug}?posted=1`);

    const wrong = await reportLink(ctx(), slug, { url: 'https://example.org/my-post' });
    expect(wrong.status).toBe(400);
    expect(wrong.type).toContain('text/html');
    expect(wrong.body).toContain('That is not a link to a post');
    const api = await reportLink(ctx(), slug, { url: 'http://x.com/rahima/status/1' }, 'application/json');
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body).type).toBe('/problems/post-link-invalid');
    expect((await reportLink(ctx(), 'no-such-storm', { url: link })).status).toBe(404);

    expect((await publicPosts(ctx(), id)).reported).toEqual({
      total: 3, by_network: { x: 1, bluesky: 1, mastodon: 1, threads: 0, facebook: 0, linkedin: 0 },
    });
  });
}, () => ({ clock, env: { BLUESKY_APPVIEW_URL: bluesky.baseUrl, PUBLIC_POSTS_POLL_SECONDS: '1' } }));
