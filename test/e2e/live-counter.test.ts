// The live counter in a real browser: one supporter watches the page while another presses a network button
// (the form's POST; the network's own site is stood in for, so nothing leaves the machine). The first page's
// "people have posted" moves without a reload, a screen reader is told, and the page stays accessible.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { startTestApp } from '../helpers/test-app.ts';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** the live counter in a browser: ${skip} ***\n`);

describe.skipIf(!!skip)('the live counter in a browser', () => {
  const clock = manualClock('2030-02-20T12:30:00Z');
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    app = await startTestApp('sqlite', { clock, worker: false });
    browser = await launchBrowser();
    const storm = {
      title: 'The genocide is not over', slug: 'live', starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z',
      hashtags: ['StandWithUyghurs'], messages: [{ text: 'Stand with the Uyghurs tonight.' }],
    };
    expect((await app.api('POST', '/api/v1/storms', storm)).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.cleanup();
    await app?.stop();
  });

  it('moves the counter on one supporter\'s page when another posts, without a reload', async () => {
    // axe's script goes into the page, which the page's own policy rightly refuses
    const watcher = await browser.newContext({ bypassCSP: true, locale: 'en-US' });
    const poster = await browser.newContext();
    const errors: string[] = [];
    try {
      const page = await watcher.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text()); });
      const streamed = page.waitForResponse((r) => r.url().endsWith('/s/live/live'));
      await page.goto(`${app.baseUrl}/s/live`);
      const counter = page.locator('p.posters');
      expect(await counter.textContent()).toBe('Be the first to post');
      expect((await streamed).headers()['content-type']).toContain('text/event-stream');
      let navigations = 0;
      page.on('framenavigated', () => { navigations += 1; });

      const other = await poster.newPage();
      let intent = '';
      await poster.route('https://x.com/**', async (route) => {
        intent = route.request().url();
        await route.fulfill({ status: 200, contentType: 'text/plain', body: 'the network' });
      });
      await other.goto(`${app.baseUrl}/s/live`);
      await other.click('button[data-network=x]');
      await other.waitForURL(/x\.com/);
      expect(new URL(intent).searchParams.get('text')).toContain('#StandWithUyghurs');

      await expect.poll(() => counter.textContent(), { timeout: 5_000 }).toBe('1 person has posted');
      // the polite live region says it too (the first change at once, later ones at most every ten seconds)
      await expect.poll(() => page.locator('[data-live-announce]').textContent(), { timeout: 5_000 }).toBe('1 person has posted');
      expect(navigations).toBe(0);
      await page.screenshot({ path: artifactPath('live-counter.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await watcher.close();
      await poster.close();
    }
  }, 30_000);

  it('shows the server\'s number with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/s/live`);
      // the one post of the test before, read by the page at most a second late
      await expect.poll(async () => { await page.reload(); return page.locator('p.posters').textContent(); }, { timeout: 5_000 }).toBe('1 person has posted');
    } finally {
      await context.close();
    }
  });
});
