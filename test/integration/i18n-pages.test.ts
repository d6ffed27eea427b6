// The public pages' language: the storm's, unless the visitor chose another (?lang=, then a cookie); the
// browser's for a page about nothing in particular. An organisation may word any string its own way.
// And the storm page stays within its weight budget in every language.
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/index.ts';
import { manualClock } from '../../src/lib/clock.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-02-20T12:30:00Z');
const ARTICLE = 'https://example.org/blog/what-is-happening-in-the-uyghur-region';
/** What a storm page (its HTML, CSS and script) may weigh, gzip-compressed. */
const BUDGET_BYTES = 30_000;

let n = 0;
async function newStorm(ctx: TestContext, language: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const slug = `i18n-${++n}`;
  const res = await ctx.api('POST', '/api/v1/storms', {
    title: 'ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى', slug, language, timezone: 'Asia/Urumqi',
    starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z', hashtags: ['StandWithUyghurs'], article_url: ARTICLE,
    messages: [{ text: 'ئۇيغۇرلار بىلەن بىللە تۇرايلى' }, { text: 'بىز ئۇلارنى ئۇنتۇمايمىز' }], ...overrides,
  });
  expect(res.status).toBe(201);
  return slug;
}

async function get(ctx: TestContext, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${ctx.baseUrl}${path}`, { headers: { accept: 'text/html', ...headers }, redirect: 'manual' });
  return { status: res.status, html: await res.text(), setCookies: res.headers.getSetCookie(), headers: res.headers };
}

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)![0];

describeEachDatabase('the public pages in the supporter\'s language', (ctx) => {
  it('speaks the storm\'s language, with the page\'s direction, whatever the browser asks for', async () => {
    clock.set('2030-02-20T12:30:00Z');
    const slug = await newStorm(ctx(), 'ug');
    const page = await get(ctx(), `/s/${slug}`, { 'accept-language': 'en-US,en;q=0.9' });
    expect(htmlTag(page.html)).toBe('<html lang="ug" dir="rtl">');
    expect(page.html).toContain(`<label for="post-text">${createTranslator('ug').text('storm.during.label')}</label>`);
    // the storm's words need no marking when they are in the page's language
    expect(page.html).toContain('<h1>ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى</h1>');
    expect(page.setCookies.some((c) => c.startsWith('oc_lang='))).toBe(false);
  });

  it('switches the fixed words with ?lang=, marks the storm\'s own words, and remembers the choice in a first-party cookie', async () => {
    clock.set('2030-02-20T12:30:00Z');
    const slug = await newStorm(ctx(), 'ug');
    const chosen = await get(ctx(), `/s/${slug}?variant=2&lang=zh-Hans`);
    expect(htmlTag(chosen.html)).toBe('<html lang="zh-Hans" dir="ltr">');
    expect(chosen.html).toContain('<h1 lang="ug" dir="rtl">ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى</h1>');
    expect(chosen.html).toMatch(/<textarea [^>]* lang="ug" dir="rtl">بىز ئۇلارنى/);
    expect(chosen.html).toContain('<button type="submit" name="network" value="email" data-network="email">电子邮件</button>');
    const cookie = chosen.setCookies.find((c) => c.startsWith('oc_lang='));
    expect(cookie).toBe('oc_lang=zh-Hans; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax');
    // the links to the other languages keep the page's own parameters
    expect(chosen.html).toContain('<a href="?variant=2&amp;lang=tr" hreflang="tr" lang="tr" dir="ltr">Türkçe</a>');
    expect(chosen.html).toContain('<a href="?variant=2&amp;lang=zh-Hans" hreflang="zh-Hans" lang="zh-Hans" dir="ltr" aria-current="true">简体中文</a>');

    const later = await get(ctx(), `/s/${await newStorm(ctx(), 'tr')}`, { cookie: 'oc_lang=zh-Hans' });
    expect(htmlTag(later.html)).toBe('<html lang="zh-Hans" dir="ltr">');
    // an unknown choice is ignored
    const bogus = await get(ctx(), `/s/${slug}?lang=xx-bogus`);
    expect(htmlTag(bogus.html)).toBe('<html lang="ug" dir="rtl">');
    expect(bogus.setCookies.some((c) => c.startsWith('oc_lang='))).toBe(false);
  });

  it('falls back to the browser\'s languages for a storm in a language with no catalogue, then to English', async () => {
    clock.set('2030-02-20T12:30:00Z');
    const slug = await newStorm(ctx(), 'ar', { title: 'أوقفوا الإبادة' });
    const turkish = await get(ctx(), `/s/${slug}`, { 'accept-language': 'de-DE, tr;q=0.8' });
    expect(htmlTag(turkish.html)).toBe('<html lang="tr" dir="ltr">');
    expect(turkish.html).toContain('<h1 lang="ar" dir="rtl">أوقفوا الإبادة</h1>');
    const english = await get(ctx(), `/s/${slug}`, { 'accept-language': 'de-DE' });
    expect(htmlTag(english.html)).toBe('<html lang="en" dir="ltr">');
  });

  it('writes the start in the storm\'s zone in the page\'s language, and gives the countdown its words', async () => {
    clock.set('2030-02-20T11:00:00Z');
    const slug = await newStorm(ctx(), 'tr');
    const page = await get(ctx(), `/s/${slug}`);
    expect(page.html).toMatch(/<p>Başlangıç: <time datetime="2030-02-20T12:00:00.000Z" data-local-time>20 Şubat 2030 Çarşamba 18:00 GMT\+6<\/time>\.<\/p>/);
    expect(page.html).toContain('data-label="Başlamasına kalan: {time}" data-days="{&quot;one&quot;:&quot;{n} gün&quot;,&quot;other&quot;:&quot;{n} gün&quot;}"');
  });

  it('answers an unknown storm and an unknown page in the browser\'s language', async () => {
    const storm = await get(ctx(), '/s/no-such-storm', { 'accept-language': 'ug-CN,ug;q=0.9' });
    expect(storm.status).toBe(404);
    expect(htmlTag(storm.html)).toBe('<html lang="ug" dir="rtl">');
    expect(storm.html).toContain(`<h1>${createTranslator('ug').text('storm.notFound.title')}</h1>`);
    const page = await get(ctx(), '/nowhere', { 'accept-language': 'zh-CN' });
    expect(page.status).toBe(404);
    expect(page.html).toContain('<h1>找不到页面</h1>');
  });

  it('shows the error a form leads to in the language the supporter was reading', async () => {
    clock.set('2030-02-20T12:30:00Z');
    const slug = await newStorm(ctx(), 'ug');
    const res = await fetch(`${ctx().baseUrl}/s/${slug}/post?lang=ug`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ network: 'mastodon', text: 'Hello' }),
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(htmlTag(html)).toBe('<html lang="ug" dir="rtl">');
    expect(html).toContain(createTranslator('ug').text('error.mastodon-instance-needed.title'));
  });

  it('keeps the storm page under 30 KB compressed (HTML, CSS and script) in every language', async () => {
    clock.set('2030-02-20T12:30:00Z');
    const long = 'ئۇيغۇرلار بىلەن بىللە تۇرايلى. '.repeat(7);
    const slug = await newStorm(ctx(), 'ug', { messages: [{ text: long }, { text: long }] });
    const assets = await Promise.all(['/assets/public.css', '/assets/storm.js', '/assets/live-counter.js'].map(async (path) => Buffer.from(await (await fetch(`${ctx().baseUrl}${path}`)).arrayBuffer())));
    for (const lang of ['en', 'tr', 'ug', 'zh-Hans']) {
      const page = Buffer.from((await get(ctx(), `/s/${slug}?lang=${lang}`)).html);
      const raw = [page, ...assets].reduce((sum, body) => sum + body.length, 0);
      const compressed = [page, ...assets].reduce((sum, body) => sum + gzipSync(body).length, 0);
      console.log(`storm page (${lang}): ${raw} bytes, ${compressed} bytes gzip-compressed`);
      expect(compressed).toBeLessThan(BUDGET_BYTES);
    }
  });

  it('lets the organisation word any public string its own way, per language, and checks what it asks for', async () => {
    clock.set('2030-02-20T14:30:00Z');
    const slug = await newStorm(ctx(), 'tr');
    const shipped = await ctx().api('GET', '/api/v1/settings/strings/tr');
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ language: 'tr', overrides: {}, defaults: { 'storm.after.title': 'Teşekkürler' } });

    const wrong = await ctx().api('PUT', '/api/v1/settings/strings/tr', {
      'storm.after.titel': 'x', 'storm.after.posted': '{count, plural, other {# kişi}', 'storm.after.over': '{name} bitti', 'storm.article': '<b>Oku</b>', 'storm.after.title': ' ',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.invalid_params.map((p: { name: string }) => p.name).sort())
      .toEqual(['storm.after.over', 'storm.after.posted', 'storm.after.titel', 'storm.after.title', 'storm.article']);
    expect(wrong.body.invalid_params.find((p: { name: string }) => p.name === 'storm.after.over').reason).toBe('uses {name}; it may use {title}');

    const put = await ctx().api('PUT', '/api/v1/settings/strings/tr', {
      'storm.after.title': 'Çok teşekkürler!', 'storm.after.posted': '{count, plural, one {Bir kişi paylaştı} other {# kişi paylaştı}}.',
    });
    expect(put.status).toBe(200);
    expect(put.body.overrides).toEqual({ 'storm.after.posted': '{count, plural, one {Bir kişi paylaştı} other {# kişi paylaştı}}.', 'storm.after.title': 'Çok teşekkürler!' });
    expect((await get(ctx(), `/s/${slug}`)).html).toContain('<h1>Çok teşekkürler!</h1>');
    // other languages keep the catalogue's words
    expect((await get(ctx(), `/s/${slug}?lang=en`)).html).toContain('<h1>Thank you</h1>');

    expect((await ctx().api('PUT', '/api/v1/settings/strings/tr', {})).body.overrides).toEqual({});
    expect((await get(ctx(), `/s/${slug}?lang=tr`)).html).toContain('<h1>Teşekkürler</h1>');
    expect((await ctx().api('GET', '/api/v1/settings/strings/de')).status).toBe(404);
    expect((await ctx().api('GET', '/api/v1/settings/strings/zh-CN')).body.language).toBe('zh-Hans');
  });
}, () => ({ clock }));
