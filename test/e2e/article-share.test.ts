// The article's share flow in a real browser: a reader opens the article and shares it on X; a second reader
// (another browser, JavaScript off) arrives through that share link and shares it on Bluesky; a third arrives
// through the second's link. The networks' pages are intercepted, never reached. The organiser's numbers show
// the chain. Screenshots go to test-artifacts/article-*.png; axe finds nothing serious on the page.
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.ts';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { startTestApp } from '../helpers/test-app.ts';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** the article's share flow in a browser: ${skip} ***\n`);

/** A real PNG, as the organiser's upload: a 640×320 band of colour, so the screenshot shows where it goes. */
function bandPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([0x1a + (x * 0x60) / width, 0x56 + (y * 0x40) / height, 0xdb], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = bandPng(640, 320);
const BODY = `More than a million Uyghurs have been held in camps in the Uyghur region since 2017.

## What we can do

- Tell the people around you what is happening.
- Share this article: every reader brings the next.

> "The world must not look away."

Read [the full report](https://example.org/report).`;

describe.skipIf(!!skip)('the article\'s share flow in a browser', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser & { cleanup(): Promise<void> };
  let articleId: number;

  beforeAll(async () => {
    app = await startTestApp('sqlite');
    browser = await launchBrowser();
    const created = await app.api('POST', '/api/v1/articles', {
      title: 'The camps, explained', slug: 'the-camps', summary: 'What is happening in the Uyghur region, and what we can do about it.',
      body: BODY, image_alt: 'A map of the Uyghur region',
    });
    expect(created.status).toBe(201);
    articleId = created.body.id;
    const upload = await app.runtime.app.inject({
      method: 'PUT', url: `/api/v1/articles/${articleId}/image`, payload: PNG,
      headers: { authorization: `Bearer ${app.token}`, 'content-type': 'image/png' },
    });
    expect(upload.statusCode).toBe(200);
    expect((await app.api('POST', '/api/v1/articles', {
      title: 'لاگېرلار ھەققىدە', slug: 'lagerlar', language: 'ug', summary: 'ئۇيغۇر رايونىدا نېمە بولۇۋاتىدۇ',
      body: 'ئۇيغۇر رايونىدا مىليوندىن ئارتۇق كىشى لاگېرلارغا قامالدى.\n\n## بىز نېمە قىلالايمىز؟\n\nبۇ ماقالىنى ھەمبەھىرلەڭ.',
    })).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.cleanup();
    await app?.stop();
  });

  /** A fresh reader: their own browser context, whose every request is noted; a network's page answers from here. */
  async function reader(network: string, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ bypassCSP: true, ...options });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    let intent = '';
    await context.route(`https://${network}/**`, async (route) => {
      intent = route.request().url();
      await route.fulfill({ status: 200, contentType: 'text/plain', body: network });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, requests, errors, intent: () => intent };
  }

  /** The sharer's own link, as the intent's text carries it. */
  function viaLinkIn(intent: string): string {
    const text = new URL(intent).searchParams.get('text') ?? '';
    const m = /(http:\/\/\S+\/a\/the-camps\?via=[A-Za-z0-9_-]{22})$/.exec(text);
    expect(m, text).not.toBeNull();
    return m![1]!;
  }

  async function close(...contexts: BrowserContext[]) {
    for (const c of contexts) await c.close();
  }

  it('shares, arrives through the share, shares again: the organiser sees the chain', async () => {
    // A: reads the article (JavaScript on, so axe can run), then shares on X
    const a = await reader('x.com');
    await a.page.goto(`${app.baseUrl}/a/the-camps`);
    expect(await a.page.textContent('h1')).toBe('The camps, explained');
    expect(await a.page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await a.page.getAttribute('meta[property="og:image"]', 'content')).toMatch(new RegExp(`^${app.baseUrl}/a/the-camps/image\\?v=`));
    // the uploaded image is shown, from our own origin
    expect(await a.page.evaluate(() => (document.querySelector('img.article-image') as HTMLImageElement).naturalWidth)).toBe(640);
    await a.page.screenshot({ path: artifactPath('article-page.png'), fullPage: true });
    expect(await seriousViolations(a.page)).toEqual([]);
    await a.page.click('button[data-network=x]');
    await a.page.waitForURL(/x\.com/);
    expect(a.intent().startsWith('https://x.com/intent/post?text=')).toBe(true);
    const aLink = viaLinkIn(a.intent());
    // nothing but our own origin was asked for, until the press that went to X
    expect([...new Set(a.requests.filter((u) => !u.startsWith(app.baseUrl)))]).toEqual([a.intent()]);
    expect(a.errors).toEqual([]);

    // B: another browser, JavaScript off, arrives through A's link and shares on Bluesky
    const b = await reader('bsky.app', { javaScriptEnabled: false });
    await b.page.goto(aLink);
    expect(await b.page.inputValue('input[name=via]')).toBe(new URL(aLink).searchParams.get('via'));
    await b.page.screenshot({ path: artifactPath('article-arrived-via-share.png'), fullPage: true });
    await b.page.click('button[data-network=bluesky]');
    await b.page.waitForURL(/bsky\.app/);
    expect(b.intent().startsWith('https://bsky.app/intent/compose?text=')).toBe(true);
    const bLink = viaLinkIn(b.intent());
    expect(bLink).not.toBe(aLink);

    // C: arrives through B's link, the second generation
    const c = await reader('x.com');
    await c.page.goto(bLink);
    expect(await c.page.textContent('h1')).toBe('The camps, explained');
    await c.page.screenshot({ path: artifactPath('article-second-generation.png'), fullPage: true });
    await close(a.context, b.context, c.context);

    const stats = await app.api('GET', `/api/v1/articles/${articleId}/stats`);
    expect(stats.body).toMatchObject({
      visits: 3, shares: 2, arrivals_via_shares: 2, chain_depth_max: 2,
      shares_by_network: { x: 1, bluesky: 1 },
      top_sharers: [{ person_id: null, shares: 1, arrivals: 1 }, { person_id: null, shares: 1, arrivals: 1 }],
    });
    expect(stats.body.top_sharers.map((s: { generation: number }) => s.generation).sort()).toEqual([1, 2]);
  });

  it('lays a Uyghur article out right to left, in Uyghur, with nothing serious for axe', async () => {
    const u = await reader('x.com');
    await u.page.goto(`${app.baseUrl}/a/lagerlar`);
    expect(await u.page.getAttribute('html', 'lang')).toBe('ug');
    expect(await u.page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await u.page.evaluate(() => getComputedStyle(document.querySelector('h1')!).direction)).toBe('rtl');
    expect(await u.page.textContent('#share-title')).toBe('بۇ ماقالىنى ھەمبەھىرلەڭ');
    // no image: none shown, and the link preview is the small card
    expect(await u.page.locator('img').count()).toBe(0);
    expect(await u.page.getAttribute('meta[name="twitter:card"]', 'content')).toBe('summary');
    await u.page.screenshot({ path: artifactPath('article-page-ug.png'), fullPage: true });
    expect(await seriousViolations(u.page)).toEqual([]);
    expect(u.errors).toEqual([]);
    await close(u.context);
  });
});
