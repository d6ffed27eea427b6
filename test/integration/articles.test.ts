// Articles to read and share: the API, the page with its link-preview tags, the share form and the
// first-party referral chain (who shared, who arrived through whom), and the tracked redirect to an article
// that lives elsewhere. Whole requests over a real port, on both databases.
import { afterAll, expect, it } from 'vitest';
import { randomToken } from '../../src/lib/tokens.ts';
import { addEmailRecipient, addSupporter, sendAndWait } from '../helpers/fixtures.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

// a real 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const BODY = `# What is happening

More than a million people are held in camps. [Read the report](https://example.org/report).

[Click me](javascript:alert(1)) and [me too](JAVASCRIPT:alert(2))

<script>alert(3)</script>

<img src="x" onerror="alert(4)">

<a href="javascript:alert(5)">raw link</a>`;

let n = 0;
async function newArticle(ctx: TestContext, overrides: Record<string, unknown> = {}) {
  const slug = `article-${++n}`;
  const res = await ctx.api('POST', '/api/v1/articles', {
    title: 'The camps, explained', slug, summary: 'What is happening in the Uyghur region, and what we can do.', body: BODY, ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as number, slug, url: res.body.url as string };
}

/** A browser's GET: cookies in, the page and its Set-Cookie headers out. */
async function page(ctx: TestContext, path: string, cookies: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(`${ctx.baseUrl}${path}`, { method, headers: { accept: 'text/html', cookie: cookieHeader(cookies) }, redirect: 'manual' });
  return { status: res.status, headers: res.headers, html: await res.text(), location: res.headers.get('location') ?? '', setCookies: res.headers.getSetCookie() };
}

/** A press of a share button, JavaScript off. */
async function share(ctx: TestContext, slug: string, fields: Record<string, string>, cookies: Record<string, string> = {}) {
  const res = await fetch(`${ctx.baseUrl}/a/${slug}/share`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(fields),
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(cookies) },
  });
  return { status: res.status, headers: res.headers, location: res.headers.get('location') ?? '', html: await res.text() };
}

function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
}

const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}
function meta(html: string, attribute: 'property' | 'name', key: string): string | undefined {
  const m = new RegExp(`<meta ${attribute}="${key}" content="([^"]*)">`).exec(html);
  return m ? unescape(m[1]!) : undefined;
}

/** The sharer's link in an X intent, and its token. */
function viaLink(location: string): { link: string; token: string } {
  const text = new URL(location).searchParams.get('text')!;
  const link = /(https?:\/\/\S+\/a\/[a-z0-9-]+\?via=([A-Za-z0-9_-]{22}))$/.exec(text);
  expect(link, text).not.toBeNull();
  return { link: link![1]!, token: link![2]! };
}

async function eventsOf(ctx: TestContext, articleId: number, kind: 'article_visit' | 'article_shared') {
  return ctx.runtime.deps.db.selectFrom('events').selectAll().where('article_id', '=', articleId).where('kind', '=', kind).orderBy('id').execute();
}

describeEachDatabase('articles', (ctx, dialect) => {
  it('creates an article and serves its Markdown sanitised: no script, no javascript: link, no raw HTML', async () => {
    const { id, slug, url } = await newArticle(ctx());
    expect(url).toBe(`${ctx().baseUrl}/a/${slug}`);
    const stored = await ctx().api('GET', `/api/v1/articles/${id}`);
    expect(stored.body).toMatchObject({ id, slug, body: BODY, external_url: null, image: null, language: 'en', summary: expect.stringContaining('Uyghur region') });

    const res = await page(ctx(), `/a/${slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.html).toContain('<h1>The camps, explained</h1>');
    // the body's own top heading sits under the page's title
    expect(res.html).toContain('<h2>What is happening</h2>');
    expect(res.html).toContain('<a href="https://example.org/report" rel="noopener noreferrer">Read the report</a>');
    // markdown-it leaves a javascript: link as its text; raw HTML stays visible as text, harmless
    expect(res.html).not.toMatch(/<a [^>]*href="javascript/i);
    expect(res.html).toContain('<p>[Click me](javascript:alert(1)) and [me too](JAVASCRIPT:alert(2))</p>');
    expect(res.html).not.toMatch(/<img|<script(?! src="\/assets\/)/);
    expect(res.html).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(res.html).toContain('&lt;img src="x" onerror="alert(4)"&gt;');
  });

  it('refuses an article without a body or external_url, with both, or with bad fields, naming each', async () => {
    const problem = async (body: object, method = 'POST', path = '/api/v1/articles') => {
      const res = await ctx().api(method, path, body);
      return { status: res.status, type: res.headers['content-type'], names: (res.body.invalid_params ?? []).map((p: { name: string }) => p.name) };
    };
    expect(await problem({ title: 'T', slug: 'no-body' })).toEqual({ status: 422, type: expect.stringContaining('application/problem+json'), names: ['body'] });
    expect((await problem({ title: 'T', slug: 'both', body: 'Hi', external_url: 'https://example.org/a' })).names).toEqual(['external_url']);
    expect((await problem({ title: 'T', slug: 'bad-url', external_url: 'javascript:alert(1)' })).names).toEqual(['external_url']);
    expect((await problem({ title: 'T', slug: 'bad-image', body: 'Hi', image_url: 'ftp://example.org/a.png' })).names).toEqual(['image_url']);
    expect((await problem({ title: 'T', slug: 'bad-language', body: 'Hi', language: 'not a language' })).names).toEqual(['language']);
    expect(await problem({ title: 'T', slug: 'Not A Slug', body: 'Hi' })).toMatchObject({ status: 400, names: ['slug'] });
    const { id, slug } = await newArticle(ctx());
    expect((await ctx().api('POST', '/api/v1/articles', { title: 'T', slug, body: 'Hi' })).status).toBe(409);
    expect(await problem({ slug: 'renamed' }, 'PATCH', `/api/v1/articles/${id}`)).toMatchObject({ status: 422, names: ['slug'] });
    expect((await ctx().api('PATCH', '/api/v1/articles/999999', { title: 'T' })).status).toBe(404);
  });

  it('edits an article: a body replaces an external_url, and the page shows the change at once', async () => {
    const { id, slug } = await newArticle(ctx(), { body: undefined, external_url: 'https://example.org/elsewhere' });
    const res = await ctx().api('PATCH', `/api/v1/articles/${id}`, { title: 'Now ours', body: 'Our **own** text.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Now ours', body: 'Our **own** text.', external_url: null });
    const shown = await page(ctx(), `/a/${slug}`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('<p>Our <strong>own</strong> text.</p>');
    const list = await ctx().api('GET', '/api/v1/articles?limit=2');
    expect(list.body.items[0]).toMatchObject({ id, title: 'Now ours' });
  });

  it('gives link previews Open Graph and Twitter card tags with absolute URLs, under the strict CSP', async () => {
    const { id, slug } = await newArticle(ctx());
    const bytes = await ctx().runtime.app.inject({
      method: 'PUT', url: `/api/v1/articles/${id}/image`, payload: PNG,
      headers: { authorization: `Bearer ${ctx().token}`, 'content-type': 'image/png' },
    });
    expect(bytes.statusCode, bytes.body).toBe(200);
    const image = bytes.json().image;
    expect(image).toMatchObject({ content_type: 'image/png', bytes: PNG.length, url: expect.stringMatching(new RegExp(`^${ctx().baseUrl}/a/${slug}/image\\?v=`)) });

    const res = await page(ctx(), `/a/${slug}`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src 'self' data:");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const pageUrl = `${ctx().baseUrl}/a/${slug}`;
    expect(meta(res.html, 'property', 'og:type')).toBe('article');
    expect(meta(res.html, 'property', 'og:title')).toBe('The camps, explained');
    expect(meta(res.html, 'property', 'og:description')).toBe('What is happening in the Uyghur region, and what we can do.');
    expect(meta(res.html, 'property', 'og:url')).toBe(pageUrl);
    expect(meta(res.html, 'property', 'og:image')).toBe(image.url);
    expect(meta(res.html, 'name', 'twitter:card')).toBe('summary_large_image');
    expect(meta(res.html, 'name', 'twitter:image')).toBe(image.url);
    expect(res.html).toContain(`<link rel="canonical" href="${pageUrl}">`);
    expect(res.html).toContain('<html lang="en" dir="ltr">');
    // everything the page itself loads is ours
    const loads = [...res.html.matchAll(/<(?:a|link|img|script|form)\b[^>]*?\s(?:src|href|action)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('?'));
    expect(loads.filter((u) => !u.startsWith('/') && !u.startsWith(ctx().baseUrl) && u !== 'https://example.org/report')).toEqual([]);
    const imagePath = new URL(image.url).pathname + new URL(image.url).search;
    expect(res.html).toContain(`<img class="article-image" src="${imagePath}" alt="">`);

    const served = await fetch(image.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    const again = await fetch(image.url, { headers: { 'if-none-match': served.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('shows an image from another origin only to link previews, never on the page; no image, a small card', async () => {
    const remote = 'https://images.example.org/camps.jpg';
    const { slug } = await newArticle(ctx(), { image_url: remote, image_alt: 'A camp seen from above' });
    const res = await page(ctx(), `/a/${slug}`);
    expect(meta(res.html, 'property', 'og:image')).toBe(remote);
    expect(meta(res.html, 'property', 'og:image:alt')).toBe('A camp seen from above');
    expect(meta(res.html, 'name', 'twitter:card')).toBe('summary_large_image');
    expect(res.html).not.toContain('<img');

    const plain = await newArticle(ctx(), { summary: '' });
    const bare = await page(ctx(), `/a/${plain.slug}`);
    expect(meta(bare.html, 'name', 'twitter:card')).toBe('summary');
    expect(meta(bare.html, 'property', 'og:image')).toBeUndefined();
    expect(meta(bare.html, 'property', 'og:description')).toBeUndefined();
    expect(bare.html).not.toContain('<img');
  });

  it('refuses an upload that is not a PNG, JPEG, GIF or WebP, whatever it claims to be', async () => {
    const { id } = await newArticle(ctx());
    const svg = await ctx().runtime.app.inject({
      method: 'PUT', url: `/api/v1/articles/${id}/image`, payload: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      headers: { authorization: `Bearer ${ctx().token}`, 'content-type': 'image/png' },
    });
    expect(svg.statusCode).toBe(422);
    expect(svg.json().invalid_params).toEqual([{ name: 'body', reason: 'must be a PNG, JPEG, GIF or WebP image' }]);
    const wrongType = await ctx().runtime.app.inject({
      method: 'PUT', url: `/api/v1/articles/${id}/image`, payload: PNG, headers: { authorization: `Bearer ${ctx().token}`, 'content-type': 'image/svg+xml' },
    });
    expect(wrongType.statusCode).toBe(415);
    const tooBig = await ctx().runtime.app.inject({
      method: 'PUT', url: `/api/v1/articles/${id}/image`, payload: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]),
      headers: { authorization: `Bearer ${ctx().token}`, 'content-type': 'image/png' },
    });
    expect(tooBig.statusCode).toBe(413);
    expect((await ctx().api('GET', `/api/v1/articles/${id}`)).body.image).toBeNull();
  });

  it('writes a Uyghur article right to left, in Uyghur', async () => {
    const { slug } = await newArticle(ctx(), { language: 'ug', title: 'لاگېرلار ھەققىدە', summary: 'ئۇيغۇر رايونىدا نېمە بولۇۋاتىدۇ', body: 'بۇ **مۇھىم**.' });
    const res = await page(ctx(), `/a/${slug}`);
    expect(res.html).toContain('<html lang="ug" dir="rtl">');
    expect(res.html).toContain('بۇ ماقالىنى ھەمبەھىرلەڭ');
    const tr = await page(ctx(), `/a/${slug}?lang=tr`);
    expect(tr.html).toContain('<html lang="tr" dir="ltr">');
    expect(tr.html).toContain('Bu makaleyi paylaşın');
    // the article's own words keep their language and direction on a Turkish page
    expect(tr.html).toContain('<article class="article" lang="ug" dir="rtl">');
  });

  it('counts a share and sends it to the network with the sharer\'s own link, leaking no referrer', async () => {
    const { id, slug } = await newArticle(ctx());
    const first = await page(ctx(), `/a/${slug}`);
    const visitor = first.setCookies.find((c) => c.startsWith('oc_v='))!.slice(5).split(';')[0]!;
    expect(first.html.match(/<button type="submit" name="network" value="([a-z]+)"/g)).toHaveLength(9);
    expect(first.html).toContain(`<form class="post" method="post" action="/a/${slug}/share?lang=en">`);

    const res = await share(ctx(), slug, { network: 'x' }, { oc_v: visitor });
    expect(res.status).toBe(302);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.location.startsWith('https://x.com/intent/post?text=')).toBe(true);
    const { link, token } = viaLink(res.location);
    expect(link).toBe(`${ctx().baseUrl}/a/${slug}?via=${token}`);
    expect(new URL(res.location).searchParams.get('text')).toBe(`The camps, explained ${link}`);

    // the same reader pressing another button shares the same link of theirs
    const facebook = await share(ctx(), slug, { network: 'facebook' }, { oc_v: visitor });
    expect(facebook.location).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(link)}`);
    const shared = await eventsOf(ctx(), id, 'article_shared');
    expect(shared.map((e) => [e.network, e.share_token, e.visitor])).toEqual([['x', token, visitor], ['facebook', token, visitor]]);
    // the token names nobody: it is not the visitor id, and another reader gets another
    expect(token).not.toBe(visitor);
    const other = viaLink((await share(ctx(), slug, { network: 'x' }, { oc_v: randomToken() })).location);
    expect(other.token).not.toBe(token);
  });

  it('asks for the Mastodon server, and refuses an unknown network or article', async () => {
    const { id, slug } = await newArticle(ctx());
    const missing = await share(ctx(), slug, { network: 'mastodon' });
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('Which Mastodon server are you on?');
    const ok = await share(ctx(), slug, { network: 'mastodon', mastodon_instance: 'mastodon.social' });
    expect(ok.location.startsWith('https://mastodon.social/share?text=')).toBe(true);
    expect((await share(ctx(), slug, { network: 'myspace' })).status).toBe(400);
    expect((await share(ctx(), 'no-such-article', { network: 'x' })).status).toBe(404);
    expect(await eventsOf(ctx(), id, 'article_shared')).toHaveLength(1);
    const unknown = await page(ctx(), '/a/no-such-article');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('Article not found');
  });

  it('follows the referral chain: arrivals through each share, a second generation, and the stats', async () => {
    const { id, slug } = await newArticle(ctx());
    const [a, b, c, d] = [randomToken(), randomToken(), randomToken(), randomToken()];
    // A, who came from their email, reads and shares on X
    const { token: r, personId } = await addEmailRecipient(ctx().runtime.deps.db);
    const aPage = await page(ctx(), `/a/${slug}?r=${r}`, { oc_v: a });
    expect(hiddenFields(aPage.html)).toEqual({ r });
    const aShare = viaLink((await share(ctx(), slug, { network: 'x', ...hiddenFields(aPage.html) }, { oc_v: a })).location);

    // B arrives through A's link and shares on Bluesky: a second-generation share
    const bPage = await page(ctx(), `/a/${slug}?via=${aShare.token}`, { oc_v: b });
    expect(hiddenFields(bPage.html)).toEqual({ via: aShare.token });
    const bRes = await share(ctx(), slug, { network: 'bluesky', ...hiddenFields(bPage.html) }, { oc_v: b });
    const bText = new URL(bRes.location).searchParams.get('text')!;
    const bToken = /via=([A-Za-z0-9_-]{22})$/.exec(bText)![1]!;
    expect(bToken).not.toBe(aShare.token);

    // C and D arrive through B's link (C twice: a visit more, but the same arrival); A following their own
    // link is no arrival
    await page(ctx(), `/a/${slug}?via=${bToken}`, { oc_v: c });
    await page(ctx(), `/a/${slug}?via=${bToken}&lang=tr`, { oc_v: c });
    await page(ctx(), `/a/${slug}?via=${bToken}`, { oc_v: d });
    await page(ctx(), `/a/${slug}?via=${aShare.token}`, { oc_v: a });
    // a token from nowhere, or from another article, is a plain visit
    await page(ctx(), `/a/${slug}?via=${randomToken()}`, { oc_v: d });
    const otherArticle = await newArticle(ctx());
    const foreign = viaLink((await share(ctx(), otherArticle.slug, { network: 'x' }, { oc_v: c })).location);
    await page(ctx(), `/a/${slug}?via=${foreign.token}`, { oc_v: d });
    // a HEAD (a link preview's crawler) counts nothing
    await page(ctx(), `/a/${slug}?via=${bToken}`, {}, 'HEAD');

    const visits = await eventsOf(ctx(), id, 'article_visit');
    expect(visits.map((v) => v.share_token)).toEqual([null, aShare.token, bToken, bToken, bToken, null, null, null]);
    expect(visits[0]).toMatchObject({ person_id: personId, visitor: a });

    const stats = await ctx().api('GET', `/api/v1/articles/${id}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      visits: 8,
      shares: 2,
      shares_by_network: { x: 1, bluesky: 1, mastodon: 0, threads: 0, facebook: 0, linkedin: 0, whatsapp: 0, telegram: 0, email: 0 },
      arrivals_via_shares: 3,
      // by people brought: B (anonymous, arrived through A) brought two, A (from their email) one
      top_sharers: [
        { person_id: null, shares: 1, arrivals: 2, generation: 2 },
        { person_id: personId, shares: 1, arrivals: 1, generation: 1 },
      ],
      chain_depth_max: 2,
    });
    expect((await ctx().api('GET', '/api/v1/articles/999999/stats')).status).toBe(404);
    expect((await ctx().api('GET', `/api/v1/articles/${otherArticle.id}/stats`)).body).toMatchObject({ visits: 0, shares: 1, chain_depth_max: 1 });
  });

  it('redirects to an article that lives elsewhere, counting the visit and its referral, leaking no referrer', async () => {
    const external = 'https://news.example.org/2022/02/the-camps';
    const { id, slug } = await newArticle(ctx(), { body: undefined, external_url: external });
    const res = await page(ctx(), `/a/${slug}`, { oc_v: randomToken() });
    expect(res.status).toBe(302);
    expect(res.location).toBe(external);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // shared from elsewhere (a storm's post, an email): the chain is kept all the same
    const sharer = randomToken();
    const { token } = viaLink((await share(ctx(), slug, { network: 'x' }, { oc_v: sharer })).location);
    expect((await page(ctx(), `/a/${slug}?via=${token}`, { oc_v: randomToken() })).location).toBe(external);
    await page(ctx(), `/a/${slug}`, {}, 'HEAD');
    const stats = (await ctx().api('GET', `/api/v1/articles/${id}/stats`)).body;
    expect(stats).toMatchObject({ visits: 2, shares: 1, arrivals_via_shares: 1, chain_depth_max: 1 });
  });

  it('lets a storm point at an article by slug or id, linked on the page before the storm', async () => {
    const article = await newArticle(ctx());
    const storm = {
      title: 'The genocide is not over', slug: `with-article-${article.id}`, starts_at: '2099-02-20T12:00:00Z', ends_at: '2099-02-20T14:00:00Z',
      hashtags: ['StandWithUyghurs'], messages: [{ text: 'Stand with the Uyghurs' }], article: article.slug,
    };
    const created = await ctx().api('POST', '/api/v1/storms', storm);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const view = (await ctx().api('GET', `/api/v1/storms/${created.body.id}`)).body;
    expect(view).toMatchObject({ article_id: article.id, article_url: article.url });
    const before = await page(ctx(), `/s/${storm.slug}`);
    expect(before.html).toContain(`Not on social media? <a href="${article.url}">Read and share this article</a>.`);

    const byId = await ctx().api('POST', '/api/v1/storms', { ...storm, slug: `${storm.slug}-id`, article: article.id });
    expect((await ctx().api('GET', `/api/v1/storms/${byId.body.id}`)).body).toMatchObject({ article_id: article.id, article_url: article.url });
    const removed = await ctx().api('PATCH', `/api/v1/storms/${byId.body.id}`, { article: null });
    expect(removed.body).toMatchObject({ article_id: null, article_url: null });

    const missing = await ctx().api('POST', '/api/v1/storms', { ...storm, slug: `${storm.slug}-x`, article: 'no-such-article' });
    expect(missing.status).toBe(400);
    expect(missing.body.invalid_params).toEqual([{ name: 'article', reason: 'there is no article with the slug "no-such-article"' }]);
    const both = await ctx().api('POST', '/api/v1/storms', { ...storm, slug: `${storm.slug}-y`, article_url: 'https://example.org/a' });
    expect(both.body.invalid_params).toEqual([{ name: 'article', reason: 'give an article or an article_url, not both' }]);
  });

  it('knows the reader who came from their email, and names them as the sharer', async () => {
    const { id, slug, url } = await newArticle(ctx());
    const tag = `article-mail-${dialect}`;
    const personId = await addSupporter(ctx().runtime.deps.db, `${tag}@example.org`, tag);
    await sendAndWait(ctx(), { subject: 'Please read this', targets: { tags: [tag] }, body: `Not on social media? [Read and share this article](${url})` });
    const html = sink.mails.find((m) => m.envelopeTo.includes(`${tag}@example.org`))!.parsed.html as string;
    const tracked = /href="([^"]*\/l\/[^"]*)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    // the tracked link counts the click, then hands the article page the recipient's token
    const click = await fetch(tracked, { redirect: 'manual' });
    const landing = new URL(click.headers.get('location')!);
    expect(landing.pathname).toBe(`/a/${slug}`);
    const r = landing.searchParams.get('r')!;
    expect(r).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const reader = randomToken();
    const form = hiddenFields((await page(ctx(), `${landing.pathname}${landing.search}`, { oc_v: reader })).html);
    expect(form).toEqual({ r });
    await share(ctx(), slug, { network: 'whatsapp', ...form }, { oc_v: reader });
    const [visit] = await eventsOf(ctx(), id, 'article_visit');
    expect(visit).toMatchObject({ person_id: personId, visitor: reader });
    const stats = (await ctx().api('GET', `/api/v1/articles/${id}/stats`)).body;
    expect(stats.top_sharers).toEqual([{ person_id: personId, shares: 1, arrivals: 0, generation: 1 }]);
    expect(stats.shares_by_network.whatsapp).toBe(1);
  });
}, () => ({ env: { SMTP_URL: sink.url } }));
