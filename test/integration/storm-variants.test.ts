// Messages that don't look like spam: targets with a handle per network, slots filled per supporter, fair
// rotation by weight, each network's own handle in its intent, and the worst case checked at save time.
import { expect, it } from 'vitest';
import { readConfig } from '../../src/config/config.ts';
import { manualClock } from '../../src/lib/clock.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { createRuntime } from '../../src/runtime.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { openStream } from '../helpers/event-stream-client.ts';
import { addEmailRecipient } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-02-20T12:30:00Z');
const ARTICLE = 'https://example.org/blog/what-is-happening-in-the-uyghur-region';
const HASHTAGS = ['GenocideGames', 'StandWithUyghurs', 'FreeUyghurs'];
const IOC = {
  name: 'IOC Media',
  handles: { x: '@iocmedia', bluesky: '@IOCmedia.bsky.social', mastodon: 'iocmedia@Mastodon.Social', threads: 'iocmedia' },
};
const COVENTRY = { name: 'Kirsty Coventry', handles: { x: 'KirstyCoventry', mastodon: '@kirsty@olympics.social' } };
const BACH = { name: 'Thomas Bach' };
const MESSAGES = [
  { text: '{target}, the games are over; the camps are not. {hashtag}', weight: 2 },
  { text: 'Speak up, {target}: {link} {hashtag}' },
  { text: 'No medal hides the camps. {hashtag}' },
];

let n = 0;
async function newStorm(ctx: TestContext, overrides: Record<string, unknown> = {}) {
  const slug = `variants-${++n}`;
  const res = await ctx.api('POST', '/api/v1/storms', {
    title: 'The genocide is not over', slug, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z',
    hashtags: HASHTAGS, messages: MESSAGES, targets: [IOC, COVENTRY, BACH], article_url: ARTICLE, ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const storm = (await ctx.api('GET', `/api/v1/storms/${res.body.id}`)).body;
  return { id: res.body.id as number, slug, storm };
}

const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function page(ctx: TestContext, path: string, visitor: string) {
  const res = await fetch(`${ctx.baseUrl}${path}`, { headers: { accept: 'text/html', cookie: `oc_v=${visitor}` } });
  const html = await res.text();
  expect(res.status).toBe(200);
  const text = unescape(/<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!);
  const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, unescape(m[2]!)]));
  return { text, fields };
}

async function post(ctx: TestContext, slug: string, fields: Record<string, string>, visitor: string) {
  const res = await fetch(`${ctx.baseUrl}/s/${slug}/post`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(fields),
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: `oc_v=${visitor}` },
  });
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

/** The text an intent URL carries. */
const intentText = (location: string) => new URL(location).searchParams.get('text') ?? new URL(location).searchParams.get('body')!;

function countBy<T>(items: T[]): number[] {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.values()].sort((a, b) => b - a);
}

describeEachDatabase('messages that don\'t look like spam', (ctx) => {
  it('creates a storm with targets and slotted, weighted messages, and returns each handle in its network\'s form', async () => {
    const { storm } = await newStorm(ctx());
    expect(storm.targets).toEqual([
      { id: expect.any(Number), name: 'IOC Media', handles: { x: '@iocmedia', bluesky: '@iocmedia.bsky.social', mastodon: '@iocmedia@mastodon.social', threads: '@iocmedia' } },
      { id: expect.any(Number), name: 'Kirsty Coventry', handles: { x: '@KirstyCoventry', mastodon: '@kirsty@olympics.social' } },
      { id: expect.any(Number), name: 'Thomas Bach', handles: {} },
    ]);
    expect(storm.variants.map((v: { text: string; weight: number }) => [v.text, v.weight])).toEqual([[MESSAGES[0]!.text, 2], [MESSAGES[1]!.text, 1], [MESSAGES[2]!.text, 1]]);
  });

  it('refuses a handle in another network\'s form, naming the target and the network', async () => {
    const res = await ctx().api('POST', '/api/v1/storms', {
      title: 'T', slug: `bad-handles-${++n}`, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z', hashtags: [], messages: [{ text: 'Hi {target}' }],
      targets: [{ name: 'IOC Media', handles: { x: '@iocmedia', mastodon: '@iocmedia' } }, { name: 'Bach', handles: { bluesky: '@bach' } }],
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.invalid_params).toEqual([
      { name: 'targets.0.handles.mastodon', reason: 'Target 1 (IOC Media): "@iocmedia" is not a handle on Mastodon; write it like @user@mastodon.social' },
      { name: 'targets.1.handles.bluesky', reason: 'Target 2 (Bach): "@bach" is not a handle on Bluesky; write it like @name.bsky.social' },
    ]);
    const facebook = await ctx().api('POST', '/api/v1/storms', {
      title: 'T', slug: `bad-network-${n}`, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z', hashtags: [], messages: [{ text: 'Hi' }],
      targets: [{ name: 'IOC Media', handles: { facebook: 'ioc' } }],
    });
    expect(facebook.status).toBe(400);
  });

  it('refuses an unknown slot, a stray brace, and {target} in a storm without targets, naming the message', async () => {
    const base = { title: 'T', starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z', hashtags: ['Uyghurs'] };
    const res = await ctx().api('POST', '/api/v1/storms', {
      ...base, slug: `bad-slots-${++n}`, messages: [{ text: 'Fine {{really}}' }, { text: 'Dear {official}, act' }, { text: 'Oops }' }, { text: 'Hi {target}' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params).toEqual([
      { name: 'messages.1.text', reason: 'Message 2 uses the slot {official}, which does not exist; the slots are {target}, {hashtag} and {link} (write {{ and }} for a brace)' },
      { name: 'messages.2.text', reason: 'Message 3 has a "}" that closes no slot; write }} for a brace' },
      { name: 'messages.3.text', reason: 'Message 4 uses {target}, but the storm has no targets' },
    ]);
  });

  it('refuses a message too long for its longest fill, naming the message, the network and the target', async () => {
    const longBluesky = { name: 'Olympic Movement', handles: { bluesky: '@the-olympic-movement-official.bsky.social' } };
    const res = await ctx().api('POST', '/api/v1/storms', {
      title: 'T', slug: `too-long-${++n}`, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z', hashtags: ['FreeUyghurs'],
      messages: [{ text: 'Short: {target}' }, { text: `${'a'.repeat(200)} {target}` }], targets: [IOC, longBluesky], article_url: ARTICLE,
    });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/post-too-long');
    // 200 + " " + 42 + " #FreeUyghurs" (13) + " " + the article (63) = 320 graphemes; with @iocmedia.bsky.social, 299
    expect(res.body.invalid_params).toEqual([{
      name: 'messages.1.text',
      reason: 'Message 2 is 320 characters on Bluesky addressed to Olympic Movement (@the-olympic-movement-official.bsky.social), over its limit of 300',
    }]);

    // adding the long target to a storm that fits is refused the same way
    const { id } = await newStorm(ctx(), { messages: [{ text: `${'b'.repeat(150)} {target}` }] });
    const patched = await ctx().api('PATCH', `/api/v1/storms/${id}`, { targets: [IOC, longBluesky] });
    expect(patched.status).toBe(400);
    expect(patched.body.title).toMatch(/^Message 1 is \d+ characters on Bluesky addressed to Olympic Movement \(@the-olympic-movement-official\.bsky\.social\)/);
  });

  it('gives visitors different targets and hashtags, and each visitor the same post every time', async () => {
    const { slug } = await newStorm(ctx());
    const visitors = Array.from({ length: 12 }, () => randomToken());
    const first = [];
    for (const v of visitors) first.push(await page(ctx(), `/s/${slug}?variant=1`, v));
    const targets = new Set(first.map((p) => p.text.split(',')[0]));
    expect(targets).toEqual(new Set(['@iocmedia', '@KirstyCoventry', 'Thomas Bach']));
    for (const p of first) expect(p.text.endsWith(` ${ARTICLE}`)).toBe(true);
    const hashtags = new Set(first.map((p) => /#(\w+) https:/.exec(p.text)![1]));
    expect(hashtags).toEqual(new Set(HASHTAGS));
    // a {hashtag} message carries its one hashtag and no other; {link} is the article, once
    for (const p of first) expect(p.text.match(/#/g)).toHaveLength(1);
    const linked = await page(ctx(), `/s/${slug}?variant=2`, visitors[0]!);
    expect(linked.text.split(ARTICLE)).toHaveLength(2);
    expect(linked.text).toMatch(/^Speak up, (@iocmedia|@KirstyCoventry|Thomas Bach): https:\/\/example\.org\/\S+ #\w+$/);
    for (const [i, v] of visitors.entries()) expect((await page(ctx(), `/s/${slug}?variant=1`, v)).text).toBe(first[i]!.text);
  });

  it('spreads new supporters by weight, 2:1:1, and the targets and hashtags evenly', async () => {
    const { id, slug, storm } = await newStorm(ctx());
    for (let i = 0; i < 40; i++) await page(ctx(), `/s/${slug}`, randomToken());
    const rows = await ctx().runtime.deps.db.selectFrom('storm_assignments').selectAll().where('storm_id', '=', id).execute();
    expect(rows).toHaveLength(40);
    const byVariant = storm.variants.map((v: { id: number }) => rows.filter((r) => r.variant_id === v.id).length);
    expect(byVariant).toEqual([20, 10, 10]);
    expect(countBy(rows.map((r) => r.target_id))).toEqual([14, 13, 13]);
    expect(countBy(rows.map((r) => r.hashtag))).toEqual([14, 13, 13]);
    // the page views name the same variants
    const views = await ctx().runtime.deps.db.selectFrom('events').select('variant_id').where('storm_id', '=', id).where('kind', '=', 'page_view').execute();
    expect(countBy(views.map((e) => e.variant_id))).toEqual([20, 10, 10]);
  });

  it('sends each network the post with its own handle for the target, and records the target', async () => {
    const { id, slug, storm } = await newStorm(ctx());
    const ioc = storm.targets[0];
    let visitor = '';
    let shown = { text: '', fields: {} as Record<string, string> };
    for (let i = 0; i < 10 && shown.fields.target !== String(ioc.id); i++) shown = await page(ctx(), `/s/${slug}?variant=1`, visitor = randomToken());
    expect(shown.fields.target).toBe(String(ioc.id));
    expect(shown.text).toMatch(/^@iocmedia, the games are over; the camps are not\. #\w+ https:\/\/example\.org\/\S+$/);
    // the supporter edits freely; the address is rewritten wherever it still stands
    const edited = `${shown.text} Please, @iocmedia.`;
    const x = intentText(await post(ctx(), slug, { ...shown.fields, text: edited, network: 'x' }, visitor));
    expect(x).toBe(edited);
    const mastodon = intentText(await post(ctx(), slug, { ...shown.fields, text: edited, network: 'mastodon', mastodon_instance: 'mastodon.social' }, visitor));
    expect(mastodon).toBe(edited.replaceAll('@iocmedia', '@iocmedia@mastodon.social'));
    const bluesky = intentText(await post(ctx(), slug, { ...shown.fields, text: edited, network: 'bluesky' }, visitor));
    expect(bluesky).toBe(edited.replaceAll('@iocmedia', '@iocmedia.bsky.social'));
    const whatsapp = intentText(await post(ctx(), slug, { ...shown.fields, text: edited, network: 'whatsapp' }, visitor));
    expect(whatsapp).toBe(edited.replaceAll('@iocmedia', 'IOC Media'));
    const events = await ctx().runtime.deps.db.selectFrom('events').select(['network', 'target_id', 'variant_id'])
      .where('storm_id', '=', id).where('kind', '=', 'post_started').orderBy('id').execute();
    expect(events).toEqual(['x', 'mastodon', 'bluesky', 'whatsapp'].map((network) => ({ network, target_id: ioc.id, variant_id: storm.variants[0].id })));
  });

  it('addresses a target without an X handle by name on the page, and by handle where it has one', async () => {
    const { slug, storm } = await newStorm(ctx(), { targets: [{ name: 'Kirsty Coventry', handles: { threads: '@kirstycoventry' } }] });
    const visitor = randomToken();
    const shown = await page(ctx(), `/s/${slug}?variant=1`, visitor);
    expect(shown.fields.target).toBe(String(storm.targets[0].id));
    expect(shown.text.startsWith('Kirsty Coventry, the games')).toBe(true);
    const threads = intentText(await post(ctx(), slug, { ...shown.fields, text: shown.text, network: 'threads' }, visitor));
    expect(threads.startsWith('@kirstycoventry, the games')).toBe(true);
  });

  it('keeps a supporter\'s post when they come back through their email on another device', async () => {
    const { slug } = await newStorm(ctx());
    const { token } = await addEmailRecipient(ctx().runtime.deps.db, 'en');
    const laptop = randomToken();
    const before = await page(ctx(), `/s/${slug}`, laptop);
    // the email's link on the same browser makes the post theirs, then a phone (another cookie) gets it too
    expect((await page(ctx(), `/s/${slug}?r=${token}`, laptop)).text).toBe(before.text);
    expect((await page(ctx(), `/s/${slug}?r=${token}`, randomToken())).text).toBe(before.text);
  });

  /** A second web process on the same database, which has seen none of the supporters. */
  async function otherProcess() {
    const { database } = ctx() as TestContext & { database: TestDatabase };
    const config = readConfig({
      OUTCRY_DATA: database.dataDir, ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      PUBLIC_URL: ctx().baseUrl, PUBLIC_POSTS_POLL_SECONDS: '0', LOG_LEVEL: 'warn',
    });
    const other = await createRuntime(config, { web: true, worker: false, clock, logger: false });
    return {
      async text(slug: string, visitor: string) {
        const res = await other.app.inject({ method: 'GET', url: `/s/${slug}`, headers: { accept: 'text/html', cookie: `oc_v=${visitor}` } });
        return unescape(/<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(res.body)![1]!);
      },
      close: () => other.close(),
    };
  }

  it('gives a returning visitor the same post from another process, which remembers nothing of them', async () => {
    const { id, slug } = await newStorm(ctx());
    const visitor = randomToken();
    const shown = await page(ctx(), `/s/${slug}`, visitor);
    const other = await otherProcess();
    try {
      expect(await other.text(slug, visitor)).toBe(shown.text);
    } finally {
      await other.close();
    }
    const rows = await ctx().runtime.deps.db.selectFrom('storm_assignments').select('supporter').where('storm_id', '=', id).execute();
    expect(rows).toEqual([{ supporter: `v:${visitor}` }]);
  });

  it('has another process start from the stored counts, so the two together stay level', async () => {
    // two equal messages: the first supporter's is a coin toss, the second's must be the other one
    const storms = [];
    for (let i = 0; i < 5; i++) storms.push(await newStorm(ctx(), { messages: [{ text: 'One {hashtag}' }, { text: 'Two {hashtag}' }], targets: [] }));
    for (const { slug } of storms) await page(ctx(), `/s/${slug}`, randomToken());
    const other = await otherProcess();
    try {
      for (const { slug } of storms) await other.text(slug, randomToken());
    } finally {
      await other.close();
    }
    for (const { id, storm } of storms) {
      const rows = await ctx().runtime.deps.db.selectFrom('storm_assignments').select('variant_id').where('storm_id', '=', id).execute();
      expect(rows.map((r) => r.variant_id).sort()).toEqual(storm.variants.map((v: { id: number }) => v.id).sort());
    }
  });

  it('after an edit drops a target, gives its supporters another and keeps the dropped one for the numbers', async () => {
    const { id, slug, storm } = await newStorm(ctx(), { targets: [IOC, COVENTRY] });
    const visitors = Array.from({ length: 4 }, () => randomToken());
    const before = [];
    for (const v of visitors) before.push(await page(ctx(), `/s/${slug}?variant=1`, v));
    expect(new Set(before.map((p) => p.fields.target)).size).toBe(2);
    const patched = await ctx().api('PATCH', `/api/v1/storms/${id}`, { targets: [COVENTRY, BACH] });
    expect(patched.status).toBe(200);
    expect(patched.body.targets.map((t: { id: number; name: string }) => [t.id, t.name])).toEqual([[storm.targets[1].id, 'Kirsty Coventry'], [expect.any(Number), 'Thomas Bach']]);
    for (const [i, v] of visitors.entries()) {
      const after = await page(ctx(), `/s/${slug}?variant=1`, v);
      if (before[i]!.fields.target === String(storm.targets[1].id)) expect(after.text).toBe(before[i]!.text);
      else expect(after.text.startsWith('@iocmedia')).toBe(false);
    }
    const kept = await ctx().runtime.deps.db.selectFrom('storm_targets').select(['name', 'removed_at']).where('storm_id', '=', id).orderBy('id').execute();
    expect(kept.map((t) => [t.name, t.removed_at !== null])).toEqual([['IOC Media', true], ['Kirsty Coventry', false], ['Thomas Bach', false]]);
  });

  it('counts the posts addressed to each official, in the stats and the live snapshot, keeping a dropped one that has posts', async () => {
    const { id, slug, storm } = await newStorm(ctx());
    const [ioc, coventry, bach] = storm.targets as { id: number; name: string }[];
    const posted = new Map<number, number>();
    for (let i = 0; i < 9; i++) {
      const visitor = randomToken();
      const shown = await page(ctx(), `/s/${slug}?variant=1`, visitor);
      const target = Number(shown.fields.target);
      // nobody posts to Bach; those given IOC Media press two buttons, each a post started
      const networks = target === bach!.id ? [] : target === ioc!.id ? ['x', 'bluesky'] : ['x'];
      for (const network of networks) await post(ctx(), slug, { ...shown.fields, text: shown.text, network }, visitor);
      posted.set(target, (posted.get(target) ?? 0) + networks.length);
    }
    expect(posted.get(ioc!.id)).toBeGreaterThan(0);
    expect(posted.get(coventry!.id)).toBeGreaterThan(0);
    // a storm without targets adds nothing to anyone's numbers
    const plain = await newStorm(ctx(), { messages: [{ text: 'No medal hides the camps. {hashtag}' }], targets: [] });
    const visitor = randomToken();
    const shown = await page(ctx(), `/s/${plain.slug}`, visitor);
    await post(ctx(), plain.slug, { ...shown.fields, text: shown.text, network: 'x' }, visitor);
    expect((await ctx().api('GET', `/api/v1/storms/${plain.id}/stats`)).body.posts.by_target).toEqual([]);

    // IOC Media (posts) and Thomas Bach (none) are taken off; a new official has none yet
    const patched = await ctx().api('PATCH', `/api/v1/storms/${id}`, { targets: [COVENTRY, { name: 'Olympic Movement' }] });
    expect(patched.status).toBe(200);
    const added = patched.body.targets[1] as { id: number; name: string };
    const expected = [
      { target_id: ioc!.id, name: 'IOC Media', posts: posted.get(ioc!.id)! },
      { target_id: coventry!.id, name: 'Kirsty Coventry', posts: posted.get(coventry!.id)! },
      { target_id: added.id, name: 'Olympic Movement', posts: 0 },
    ];
    const byId = (a: { target_id: number }, b: { target_id: number }) => a.target_id - b.target_id;
    const stats = (await ctx().api('GET', `/api/v1/storms/${id}/stats`)).body;
    expect([...stats.posts.by_target].sort(byId)).toEqual(expected);
    expect(stats.posts.by_target.reduce((n: number, t: { posts: number }) => n + t.posts, 0)).toBe(stats.posts.total);

    const stream = await openStream(`${ctx().baseUrl}/api/v1/storms/${id}/live`, { authorization: `Bearer ${ctx().token}` });
    try {
      const snapshot = await stream.next(() => true);
      expect([...snapshot.per_target].sort(byId)).toEqual(expected.map(({ posts, ...t }) => ({ ...t, count: posts })));
    } finally {
      stream.close();
    }
  });
}, { clock });
