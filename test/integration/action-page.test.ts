import { expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { addEmailRecipient } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-02-20T11:00:00Z');
const START = '2030-02-20T12:00:00.000Z';
const BEFORE = '2030-02-20T11:00:00Z';
const DURING = '2030-02-20T12:30:00Z';
const AFTER = '2030-02-20T14:30:00Z';
const ARTICLE = 'https://example.org/blog/what-is-happening-in-the-uyghur-region';
const NETWORKS = ['x', 'bluesky', 'mastodon', 'threads', 'facebook', 'linkedin', 'whatsapp', 'telegram', 'email'];
const VARIANTS = [
  'While China celebrates the end of the Beijing Olympics, the genocide against the Uyghurs continues.',
  'Tonight the Olympic flame goes out in Beijing. For millions of Uyghurs held in camps, the darkness goes on.',
  'Medals, fireworks, and a closing ceremony — and not one word about the Uyghur camps.',
];

let n = 0;
async function newStorm(ctx: TestContext, overrides: Record<string, unknown> = {}) {
  const slug = `storm-${++n}`;
  const res = await ctx.api('POST', '/api/v1/storms', {
    title: 'The genocide is not over', slug, starts_at: START, ends_at: '2030-02-20T14:00:00Z',
    hashtags: ['GenocideGames', 'StandWithUyghurs'], messages: VARIANTS.map((text) => ({ text })),
    article_url: ARTICLE, timezone: 'Asia/Urumqi', ...overrides,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as number, slug };
}

/** A browser's GET of the page: cookies in, the page and its Set-Cookie headers out. */
async function page(ctx: TestContext, path: string, cookies: Record<string, string> = {}) {
  const res = await fetch(`${ctx.baseUrl}${path}`, { headers: { accept: 'text/html', cookie: cookieHeader(cookies) }, redirect: 'manual' });
  return { status: res.status, headers: res.headers, html: await res.text(), setCookies: res.headers.getSetCookie() };
}

/** A browser's submission of the action form, JavaScript off. */
async function post(ctx: TestContext, slug: string, fields: Record<string, string>, cookies: Record<string, string> = {}) {
  const res = await fetch(`${ctx.baseUrl}/s/${slug}/post`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(fields),
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(cookies) },
  });
  return { status: res.status, headers: res.headers, location: res.headers.get('location') ?? '', html: await res.text(), setCookies: res.headers.getSetCookie() };
}

function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
}

function cookieValue(setCookies: string[], name: string): string | undefined {
  const line = setCookies.find((c) => c.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textareaOf = (html: string) => unescape(/<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!);
/** The form's hidden fields, as a browser would send them. */
function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}

async function eventsOf(ctx: TestContext, stormId: number, kind: 'page_view' | 'post_started') {
  return ctx.runtime.deps.db.selectFrom('events').selectAll().where('storm_id', '=', stormId).where('kind', '=', kind).orderBy('id').execute();
}

const recipientToken = (ctx: TestContext) => addEmailRecipient(ctx.runtime.deps.db, 'ug');

describeEachDatabase('the action page', (ctx) => {
  it('before the start shows the title, the start in the storm\'s time zone and a countdown, and no post form', async () => {
    clock.set(BEFORE);
    const { slug } = await newStorm(ctx());
    const res = await page(ctx(), `/s/${slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.html).toContain('<h1>The genocide is not over</h1>');
    // 12:00 UTC is 6 PM in Ürümqi
    expect(res.html).toMatch(new RegExp(`<time datetime="${START}" data-local-time>Wednesday, February 20, 2030[^<]*6:00\\sPM GMT\\+6</time>`));
    expect(res.html).toContain(`data-countdown="${START}"`);
    expect(res.html).toContain('<script src="/assets/storm.js" defer></script>');
    // no post form yet: only "Remind me" (test/integration/storm-reminders.test.ts)
    expect(res.html).not.toContain('<form class="post"');
    expect(res.html.match(/<form /g)).toHaveLength(1);
  });

  it('during the storm offers the full post in an editable box and one form with nine network buttons', async () => {
    clock.set(DURING);
    const { slug } = await newStorm(ctx());
    const res = await page(ctx(), `/s/${slug}`);
    expect(res.status).toBe(200);
    expect(res.html.match(/<form /g)).toHaveLength(1);
    // ?lang= tells an error page the form leads to which language the supporter was reading
    expect(res.html).toContain(`<form class="post" method="post" action="/s/${slug}/post?lang=en">`);
    const text = textareaOf(res.html);
    expect(VARIANTS.some((v) => text === `${v} #GenocideGames #StandWithUyghurs ${ARTICLE}`)).toBe(true);
    const networks = [...res.html.matchAll(/<button type="submit" name="network" value="([a-z]+)" data-network="\1">/g)].map((m) => m[1]);
    expect(networks).toEqual(NETWORKS);
    expect(res.html).toContain('name="mastodon_instance"');
    expect(res.html).toMatch(/<p class="counter" id="post-length"><span data-length class="">\d+<\/span> \/ 280 characters on X<\/p>/);
    // the language the page showed the storm in, so the share carries that version's title and link
    expect(hiddenFields(res.html)).toEqual({ variant: expect.stringMatching(/^\d+$/), language: 'en' });
    expect(res.html).toContain('Another message</a>');
    expect(Buffer.byteLength(res.html)).toBeLessThan(30_000);
  });

  it('gives a new visitor a first-party cookie, and the same visitor the same message every time', async () => {
    clock.set(DURING);
    const { slug } = await newStorm(ctx());
    const first = await page(ctx(), `/s/${slug}`);
    const setCookie = first.setCookies.find((c) => c.startsWith('oc_v='))!;
    expect(setCookie).toMatch(/^oc_v=[A-Za-z0-9_-]{22}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    const visitor = cookieValue(first.setCookies, 'oc_v')!;
    for (let i = 0; i < 3; i++) {
      const again = await page(ctx(), `/s/${slug}`, { oc_v: visitor });
      expect(textareaOf(again.html)).toBe(textareaOf(first.html));
      expect(again.setCookies.some((c) => c.startsWith('oc_v='))).toBe(false);
    }
    const texts = new Set<string>();
    for (let i = 0; i < 20; i++) texts.add(textareaOf((await page(ctx(), `/s/${slug}`, { oc_v: randomToken() })).html));
    expect(texts.size).toBeGreaterThan(1);
  });

  it('shows the message ?variant=N asks for, and links to the next one', async () => {
    clock.set(DURING);
    const { slug } = await newStorm(ctx());
    const second = await page(ctx(), `/s/${slug}?variant=2`, { oc_v: randomToken() });
    expect(textareaOf(second.html)).toContain(VARIANTS[1]);
    expect(second.html).toContain(`<a class="another" href="/s/${slug}?variant=3">Another message</a>`);
    const third = await page(ctx(), `/s/${slug}?variant=3`);
    expect(textareaOf(third.html)).toContain(VARIANTS[2]);
    expect(third.html).toContain(`href="/s/${slug}?variant=1"`);
  });

  it('gives a supporter from their email the same message whatever their cookie, and carries their token', async () => {
    clock.set(DURING);
    const { id, slug } = await newStorm(ctx());
    const { token, personId } = await recipientToken(ctx());
    const texts = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await page(ctx(), `/s/${slug}?r=${token}`, { oc_v: randomToken() });
      texts.add(textareaOf(res.html));
      expect(hiddenFields(res.html).r).toBe(token);
      expect(res.html).toMatch(new RegExp(`<a class="another" href="/s/${slug}\\?variant=\\d&amp;r=${token}">`));
    }
    expect(texts.size).toBe(1);
    const views = await eventsOf(ctx(), id, 'page_view');
    expect(views).toHaveLength(5);
    expect(views.every((e) => e.person_id === personId && e.visitor !== null && e.variant_id !== null)).toBe(true);
  });

  it('counts a view with no person when the token is not a real recipient', async () => {
    clock.set(DURING);
    const { id, slug } = await newStorm(ctx());
    await page(ctx(), `/s/${slug}?r=${randomToken()}`);
    await page(ctx(), `/s/${slug}?r=not-a-token`);
    const views = await eventsOf(ctx(), id, 'page_view');
    expect(views.map((e) => e.person_id)).toEqual([null, null]);
  });

  it('sends the edited post to X with a 302, records it for the person, and leaks no referrer', async () => {
    clock.set(DURING);
    const { id, slug } = await newStorm(ctx());
    const { token, personId } = await recipientToken(ctx());
    const visitor = randomToken();
    const form = hiddenFields((await page(ctx(), `/s/${slug}?r=${token}`, { oc_v: visitor })).html);
    const edited = 'My own words: ئۇيغۇرلار بىلەن بىللە #GenocideGames';
    const res = await post(ctx(), slug, { ...form, text: edited, network: 'x' }, { oc_v: visitor });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`https://x.com/intent/post?text=${encodeURIComponent(edited)}`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const [event] = await eventsOf(ctx(), id, 'post_started');
    expect(event).toMatchObject({ network: 'x', variant_id: Number(form.variant), person_id: personId, visitor });
  });

  it('sends each network to its own share page', async () => {
    clock.set(DURING);
    const { slug } = await newStorm(ctx());
    const text = 'Stand with the Uyghurs';
    const expected: Record<string, string> = {
      bluesky: 'https://bsky.app/intent/compose?text=', threads: 'https://www.threads.net/intent/post?text=',
      facebook: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(ARTICLE)}`,
      linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(ARTICLE)}`,
      whatsapp: 'https://wa.me/?text=', telegram: `https://t.me/share/url?url=${encodeURIComponent(ARTICLE)}&text=`,
      email: 'mailto:?subject=The%20genocide%20is%20not%20over&body=',
    };
    for (const [network, prefix] of Object.entries(expected)) {
      const res = await post(ctx(), slug, { network, text });
      expect(res.status, network).toBe(302);
      expect(res.location.startsWith(prefix), `${network}: ${res.location}`).toBe(true);
    }
  });

  it('asks for the Mastodon server, then remembers it in a first-party cookie', async () => {
    clock.set(DURING);
    const { id, slug } = await newStorm(ctx());
    const missing = await post(ctx(), slug, { network: 'mastodon', text: 'Hello' });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('text/html');
    expect(missing.html).toContain('Which Mastodon server are you on?');
    expect(await eventsOf(ctx(), id, 'post_started')).toHaveLength(0);

    const res = await post(ctx(), slug, { network: 'mastodon', text: 'Hello', mastodon_instance: 'https://Mastodon.Social/@rahima' });
    expect(res.status).toBe(302);
    expect(res.location).toBe('https://mastodon.social/share?text=Hello');
    const cookie = res.setCookies.find((c) => c.startsWith('oc_mastodon='));
    expect(cookie).toMatch(/^oc_mastodon=mastodon\.social; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);

    const again = await page(ctx(), `/s/${slug}`, { oc_mastodon: 'mastodon.social' });
    expect(again.html).toContain('name="mastodon_instance" value="mastodon.social"');
    const bogus = await page(ctx(), `/s/${slug}`, { oc_mastodon: '"><script>' });
    expect(bogus.html).toContain('name="mastodon_instance" value=""');
  });

  it('refuses an unknown network, a missing text and a text over 5000 characters', async () => {
    clock.set(DURING);
    const { id, slug } = await newStorm(ctx());
    expect((await post(ctx(), slug, { network: 'myspace', text: 'Hi' })).status).toBe(400);
    expect((await post(ctx(), slug, { network: 'x' })).status).toBe(400);
    expect((await post(ctx(), slug, { network: 'x', text: '   ' })).status).toBe(400);
    expect((await post(ctx(), slug, { network: 'x', text: 'a'.repeat(5001) })).status).toBe(400);
    expect((await post(ctx(), 'no-such-storm', { network: 'x', text: 'Hi' })).status).toBe(404);
    expect(await eventsOf(ctx(), id, 'post_started')).toHaveLength(0);
  });

  it('sends a post made before or after the storm back to the page, without counting it', async () => {
    const { id, slug } = await newStorm(ctx());
    const token = randomToken();
    for (const at of [BEFORE, AFTER]) {
      clock.set(at);
      const res = await post(ctx(), slug, { network: 'x', text: 'Late', r: token });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/s/${slug}?r=${token}`);
    }
    expect(await eventsOf(ctx(), id, 'post_started')).toHaveLength(0);
  });

  it('after the end thanks the supporter and offers the article', async () => {
    clock.set(AFTER);
    const { slug } = await newStorm(ctx());
    const res = await page(ctx(), `/s/${slug}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('<h1>Thank you</h1>');
    expect(res.html).toContain(`<a class="button" href="${ARTICLE}">Read and share this article</a>`);
    expect(res.html).not.toContain('<form');
  });

  it('moves from before to during to after as the clock moves', async () => {
    const { id, slug } = await newStorm(ctx());
    clock.set(BEFORE);
    expect((await page(ctx(), `/s/${slug}`)).html).toContain('data-countdown');
    clock.set('2030-02-20T12:00:00Z');
    expect((await page(ctx(), `/s/${slug}`)).html).toContain('<textarea');
    clock.set('2030-02-20T14:00:00Z');
    expect((await page(ctx(), `/s/${slug}`)).html).toContain('Thank you');
    expect(await eventsOf(ctx(), id, 'page_view')).toHaveLength(3);
  });

  it('writes a Uyghur storm right to left', async () => {
    clock.set(DURING);
    const { slug } = await newStorm(ctx(), {
      language: 'ug', title: 'ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى', hashtags: ['ئۇيغۇر'],
      messages: [{ text: 'ئۇيغۇرلار بىلەن بىللە تۇرايلى' }],
    });
    const res = await page(ctx(), `/s/${slug}`);
    expect(res.html).toContain('<html lang="ug" dir="rtl">');
    expect(textareaOf(res.html)).toBe(`ئۇيغۇرلار بىلەن بىللە تۇرايلى #ئۇيغۇر ${ARTICLE}`);
    // one message: nothing else to offer
    expect(res.html).not.toContain('Another message');
  });

  it('answers an unknown storm with a 404 page', async () => {
    const res = await page(ctx(), '/s/no-such-storm');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.html).toContain('Storm not found');
  });

  it('loads nothing from other origins: a strict CSP, and no outside URL but the article', async () => {
    clock.set(DURING);
    const { slug } = await newStorm(ctx());
    const res = await page(ctx(), `/s/${slug}`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const urls = [...res.html.matchAll(/(?:https?:)?\/\/[^\s"'<>]+/g)].map((m) => m[0]);
    expect(urls.filter((u) => u !== ARTICLE)).toEqual([]);
    const script = await fetch(`${ctx().baseUrl}/assets/storm.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const source = await script.text();
    expect(source).not.toMatch(/fetch\(|XMLHttpRequest|sendBeacon|WebSocket|https?:\/\//);
  });

  it('counts posts by network and by variant in the storm\'s stats', async () => {
    clock.set(DURING);
    const { id, slug } = await newStorm(ctx());
    const storm = (await ctx().api('GET', `/api/v1/storms/${id}`)).body;
    const [v1, v2] = storm.variants;
    const visitor = randomToken();
    await page(ctx(), `/s/${slug}`, { oc_v: visitor });
    await page(ctx(), `/s/${slug}`, { oc_v: randomToken() });
    await post(ctx(), slug, { network: 'x', text: 'a', variant: String(v1.id) }, { oc_v: visitor });
    await post(ctx(), slug, { network: 'x', text: 'b', variant: String(v2.id) }, { oc_v: visitor });
    clock.advance(60_000);
    await post(ctx(), slug, { network: 'bluesky', text: 'c', variant: String(v1.id) }, { oc_v: visitor });
    const res = await ctx().api('GET', `/api/v1/storms/${id}/stats`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      views: 2,
      supporters: 2,
      posts: {
        total: 3,
        by_network: { x: 2, bluesky: 1, mastodon: 0, threads: 0, facebook: 0, linkedin: 0, whatsapp: 0, telegram: 0, email: 0 },
        // a storm that addresses no official has nobody to count posts by
        by_target: [],
        by_variant: [
          { variant_id: v1.id, position: 1, text: VARIANTS[0], posts: 2 },
          { variant_id: v2.id, position: 2, text: VARIANTS[1], posts: 1 },
          { variant_id: storm.variants[2].id, position: 3, text: VARIANTS[2], posts: 0 },
        ],
        per_minute: [{ minute: '2030-02-20T12:30', posts: 2 }, { minute: '2030-02-20T12:31', posts: 1 }],
      },
      public_posts: {
        total: 0, by_network: { bluesky: 0, mastodon: 0 }, per_minute: [],
        reported: { total: 0, by_network: { x: 0, bluesky: 0, mastodon: 0, threads: 0, facebook: 0, linkedin: 0 } },
      },
    });
  });

  it('keeps the numbers of a message an edit removed', async () => {
    clock.set(DURING);
    const { id, slug } = await newStorm(ctx());
    const [v1] = (await ctx().api('GET', `/api/v1/storms/${id}`)).body.variants;
    await post(ctx(), slug, { network: 'x', text: 'a', variant: String(v1.id) });
    const patched = await ctx().api('PATCH', `/api/v1/storms/${id}`, { messages: [{ text: VARIANTS[1]! }, { text: 'A new one.' }] });
    expect(patched.body.variants.map((v: { position: number; text: string }) => [v.position, v.text])).toEqual([[1, VARIANTS[1]], [2, 'A new one.']]);
    const stats = (await ctx().api('GET', `/api/v1/storms/${id}/stats`)).body;
    expect(stats.posts.by_variant).toContainEqual({ variant_id: v1.id, position: 1, text: VARIANTS[0], posts: 1 });
    expect(stats.posts.by_variant).toHaveLength(3);
  });
}, { clock });
