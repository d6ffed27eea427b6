// The organisation as supporters see it: its name, logo and colours on the public pages (logo and colours
// served from our own origin, nothing fetched from elsewhere) and in its emails; and the sender identities
// it lists, the only ones a message may come from.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { contrastRatio } from '../../src/lib/contrast.ts';
import { addSupporters, listUnsubscribeUrl, sendAndWait } from '../helpers/fixtures.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const NAME = 'Uyghur Voices';
const PLUM = '#7a1f5c';

async function putLogo(ctx: TestContext, body: Buffer, type: string) {
  const res = await ctx.runtime.app.inject({
    method: 'PUT', url: '/api/v1/settings/organisation/logo', payload: body,
    headers: { authorization: `Bearer ${ctx.token}`, 'content-type': type },
  });
  return { status: res.statusCode, body: res.json() };
}

async function setLook(ctx: TestContext, look: { name?: string; primary_color?: string; accent_color?: string }) {
  const res = await ctx.api('PUT', '/api/v1/settings/organisation', { name: NAME, primary_color: PLUM, accent_color: '#8a4b00', ...look });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function page(ctx: TestContext, path: string) {
  const res = await fetch(`${ctx.baseUrl}${path}`, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

let n = 0;
async function liveStorm(ctx: TestContext): Promise<string> {
  const slug = `brand-${++n}`;
  const now = Date.now();
  const res = await ctx.api('POST', '/api/v1/storms', {
    title: 'Speak up for them', slug, hashtags: ['StandWithUyghurs'], messages: [{ text: 'Free them all' }],
    starts_at: new Date(now - 600_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString(),
  });
  expect(res.status).toBe(201);
  return slug;
}

const stylesheetOf = (html: string) => /<link rel="stylesheet" href="(\/brand\/colours\.css\?v=[^"]+)">/.exec(html)?.[1];

describeEachDatabase('the organisation\'s look and its senders', (ctx) => {
  beforeEach(async () => {
    sink.mails.length = 0;
    await ctx().api('DELETE', '/api/v1/settings/organisation/logo');
    await ctx().api('PUT', '/api/v1/settings/senders', { items: [] });
  });

  it('takes the logo as raw bytes, serves it from our origin with its hash in the address, and refuses an SVG', async () => {
    const up = await putLogo(ctx(), PNG, 'image/png');
    expect(up.status).toBe(200);
    const url = up.body.logo_url as string;
    expect(url).toMatch(new RegExp(`^${ctx().baseUrl}/brand/logo\\?v=[\\w-]{22}$`));
    expect((await ctx().api('GET', '/api/v1/settings/organisation')).body.logo_url).toBe(url);

    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // a webmail page shows it from another origin
    expect(served.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const again = await fetch(url, { headers: { 'if-none-match': served.headers.get('etag')! } });
    expect(again.status).toBe(304);
    // an address without the current hash is kept only briefly
    expect((await fetch(`${ctx().baseUrl}/brand/logo?v=old`)).headers.get('cache-control')).toBe('public, max-age=60');

    // a new image, a new address; the type comes from the bytes, whatever the upload said
    const gif = await putLogo(ctx(), GIF, 'application/octet-stream');
    expect(gif.body.logo_url).not.toBe(url);
    const gifServed = await fetch(gif.body.logo_url);
    expect(gifServed.headers.get('content-type')).toBe('image/gif');
    expect(Buffer.from(await gifServed.arrayBuffer())).toEqual(GIF);

    const disguised = await putLogo(ctx(), SVG, 'image/png');
    expect(disguised.status).toBe(422);
    expect(disguised.body.invalid_params).toEqual([{ name: 'body', reason: 'must be a PNG, JPEG, GIF or WebP image' }]);
    expect((await putLogo(ctx(), SVG, 'image/svg+xml')).status).toBe(415);
    expect((await putLogo(ctx(), Buffer.concat([PNG, Buffer.alloc(512 * 1024)]), 'image/png')).status).toBe(413);
    expect((await ctx().api('GET', '/api/v1/settings/organisation')).body.logo_url).toBe(gif.body.logo_url);

    const removed = await ctx().api('DELETE', '/api/v1/settings/organisation/logo');
    expect(removed.body.logo_url).toBeNull();
    expect((await fetch(`${ctx().baseUrl}/brand/logo`)).status).toBe(404);
  });

  it('keeps logo_url read-only: sent back as read it is fine, an https address of elsewhere is refused', async () => {
    const read = (await ctx().api('GET', '/api/v1/settings/organisation')).body;
    expect((await ctx().api('PUT', '/api/v1/settings/organisation', { ...read, name: NAME })).status).toBe(200);
    const res = await ctx().api('PUT', '/api/v1/settings/organisation', { ...read, logo_url: 'https://cdn.example.org/logo.png' });
    expect(res.status).toBe(422);
    expect(res.body.invalid_params).toEqual([{ name: 'logo_url', reason: expect.stringContaining('PUT /api/v1/settings/organisation/logo') }]);
  });

  it('refuses a colour too light for links and buttons on white, naming the field and a readable shade', async () => {
    const res = await ctx().api('PUT', '/api/v1/settings/organisation', { name: NAME, primary_color: '#0b5cad', accent_color: '#E8A400' });
    expect(res.status).toBe(422);
    expect(res.body.invalid_params).toHaveLength(1);
    const [problem] = res.body.invalid_params;
    expect(problem.name).toBe('accent_color');
    expect(problem.reason).toContain('4.5:1');
    const suggested = /(#[0-9a-f]{6}) is the nearest/.exec(problem.reason)![1]!;
    expect(contrastRatio(suggested, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect((await ctx().api('PUT', '/api/v1/settings/organisation', { name: NAME, primary_color: '#0b5cad', accent_color: suggested })).status).toBe(200);
  });

  it('shows the name and logo atop the storm page and draws its links and buttons in the colours of /brand/colours.css', async () => {
    await setLook(ctx(), { primary_color: PLUM });
    const slug = await liveStorm(ctx());
    const first = await page(ctx(), `/s/${slug}`);
    expect(first.html).toContain(`<header class="brand"><span dir="auto">${NAME}</span></header>`);
    expect(first.headers.get('content-security-policy')).toContain("img-src 'self' data:");
    const href = stylesheetOf(first.html)!;
    const css = await fetch(`${ctx().baseUrl}${href}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await css.text()).toBe(`:root { --primary: ${PLUM}; --accent: #8a4b00; }\n`);

    // a change shows on the next page, under a new address; the old address now answers the new colours, briefly kept
    await setLook(ctx(), { primary_color: '#0b5cad' });
    const second = await page(ctx(), `/s/${slug}`);
    const newHref = stylesheetOf(second.html)!;
    expect(newHref).not.toBe(href);
    expect(await (await fetch(`${ctx().baseUrl}${newHref}`)).text()).toContain('--primary: #0b5cad;');
    const stale = await fetch(`${ctx().baseUrl}${href}`);
    expect(stale.headers.get('cache-control')).toBe('public, max-age=60');
    expect(await stale.text()).toContain('--primary: #0b5cad;');

    // with a logo, the logo says the name (once, to a screen reader)
    const { body } = await putLogo(ctx(), PNG, 'image/png');
    const logoPath = new URL(body.logo_url).pathname + new URL(body.logo_url).search;
    const third = await page(ctx(), `/s/${slug}`);
    expect(third.html).toContain(`<header class="brand"><img src="${logoPath}" alt="${NAME}"><span dir="auto" aria-hidden="true">${NAME}</span></header>`);
    expect(third.html).not.toMatch(/(src|href)="https?:/);
  });

  it('keeps the branded storm page, its colours and scripts included, under its 30 KB budget', async () => {
    await setLook(ctx(), { name: 'ئۇيغۇر ئاۋازى — Uyghur Voices, a longer name than most' });
    await putLogo(ctx(), PNG, 'image/png');
    const slug = await liveStorm(ctx());
    const html = (await page(ctx(), `/s/${slug}`)).html;
    const assets = [...html.matchAll(/<(?:link rel="stylesheet" href|script src)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(['/assets/public.css', stylesheetOf(html), '/assets/storm.js', '/assets/live-counter.js']);
    const bodies = [Buffer.from(html), ...await Promise.all(assets.map(async (path) => Buffer.from(await (await fetch(`${ctx().baseUrl}${path}`)).arrayBuffer())))];
    const compressed = bodies.reduce((sum, body) => sum + gzipSync(body).length, 0);
    console.log(`branded storm page: ${compressed} bytes gzip-compressed with its assets`);
    expect(compressed).toBeLessThan(30_000);
  });

  it('brands the article page too, and names the organisation in its link previews', async () => {
    await setLook(ctx(), {});
    const res = await ctx().api('POST', '/api/v1/articles', { title: 'The camps, explained', slug: `brand-article-${++n}`, body: 'What is happening.' });
    expect(res.status).toBe(201);
    const article = await page(ctx(), `/a/${res.body.slug}`);
    expect(article.html).toContain(`<header class="brand"><span dir="auto">${NAME}</span></header>`);
    expect(article.html).toContain(`<meta property="og:site_name" content="${NAME}">`);
    expect(stylesheetOf(article.html)).toBeDefined();
  });

  it('signs the email with the organisation\'s name, shows its logo from our origin on top and its colour on buttons', async () => {
    await setLook(ctx(), { primary_color: PLUM });
    const { body } = await putLogo(ctx(), PNG, 'image/png');
    await addSupporters(ctx().runtime.deps.db, [{ email: `brand-${++n}@example.org`, given_name: 'Sam', tags: [`brand-${n}`] }]);
    await sendAndWait(ctx(), { subject: 'Sunday', body: 'Hi {{ first_name }}, join us.\n\n[Send your post](https://example.org/s/x)', targets: { tags: [`brand-${n}`] } });
    const [mail] = await sink.waitFor(1);
    const html = mail!.parsed.html as string;
    const logo = /<img[^>]*src="([^"]*\/brand\/logo[^"]*)"[^>]*>/.exec(html);
    expect(logo?.[1]).toBe(body.logo_url);
    expect(logo?.[0]).toContain(`alt="${NAME}"`);
    expect(html.indexOf(logo![0])).toBeLessThan(html.indexOf('join us'));
    expect(html).toMatch(new RegExp(`background:${PLUM}`, 'i'));
    const footer = /<div lang="en" dir="ltr" style="text-align:left">([\s\S]*?)<\/div>/.exec(html)![1]!;
    expect(footer).toContain(`<bdi>${NAME}</bdi>`);
    expect(footer).not.toContain('Outcry');
    expect(mail!.parsed.text).toContain(`--\n${NAME}\n`);

    // the unsubscribe page it links to wears the same look
    const unsubscribe = await page(ctx(), new URL(listUnsubscribeUrl(mail!)).pathname + new URL(listUnsubscribeUrl(mail!)).search);
    expect(unsubscribe.html).toContain(`alt="${NAME}"`);
    expect(unsubscribe.html).toContain(`<bdi>${NAME}</bdi>`);
  });

  it('refuses a message from a sender the organisation has not listed, comparing addresses in any case', async () => {
    const message = (from: string) => ctx().api('POST', '/api/v1/messages', { subject: 'Sunday', body: 'Hi', from });
    // none listed: any real mailbox
    expect((await message('Someone <someone@example.org>')).status).toBe(201);
    expect((await ctx().api('PUT', '/api/v1/settings/senders', { items: ['Press Team <press@example.org>'] })).status).toBe(200);
    const refused = await message('Someone <someone@example.org>');
    expect(refused.status).toBe(422);
    expect(refused.body.invalid_params).toEqual([{
      name: 'from', reason: 'must be one of the sender identities (Press Team <press@example.org>) or the default sender (Campaign <campaign@example.org>)',
    }]);
    expect((await message('Press <PRESS@Example.ORG>')).status).toBe(201);
    expect((await message('campaign@EXAMPLE.org')).status).toBe(201);
    // and no from at all is the default
    expect((await ctx().api('POST', '/api/v1/messages', { subject: 'Sunday', body: 'Hi' })).status).toBe(201);
  });
}, () => ({ env: { SMTP_URL: sink.url, MAIL_FROM: 'Campaign <campaign@example.org>' } }));
