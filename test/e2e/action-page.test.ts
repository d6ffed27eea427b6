// The action page in a real browser: storm.js's three helpers with JavaScript on, and the plain form with it off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { startTestApp } from '../helpers/test-app.ts';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** the action page in a browser: ${skip} ***\n`);

describe.skipIf(!!skip)('the action page in a browser', () => {
  const clock = manualClock('2030-02-20T12:30:00Z');
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    app = await startTestApp('sqlite', { clock });
    browser = await launchBrowser();
    const storm = {
      title: 'ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى', slug: 'browser', language: 'ug', timezone: 'Asia/Urumqi',
      starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z', hashtags: ['StandWithUyghurs'],
      messages: [{ text: 'ئۇيغۇرلار بىلەن بىللە تۇرايلى' }], article_url: 'https://example.org/article',
    };
    expect((await app.api('POST', '/api/v1/storms', storm)).status).toBe(201);
    expect((await app.api('POST', '/api/v1/storms', { ...storm, slug: 'later', language: 'en', starts_at: '2031-01-01T12:00:00Z', ends_at: '2031-01-01T13:00:00Z' })).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.cleanup();
    await app?.stop();
  });

  it('counts the post as the supporter edits it, roughly as X does', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text()); });
    await page.goto(`${app.baseUrl}/s/browser`);
    await page.screenshot({ path: artifactPath('action-page-ug.png'), fullPage: true });
    const length = page.locator('#post-length [data-length]');
    await page.fill('textarea[name=text]', '中文 https://example.org/a/very/long/path 👍🏽');
    expect(await length.textContent()).toBe(String(4 + 1 + 23 + 1 + 2));
    await page.fill('textarea[name=text]', 'a'.repeat(281));
    expect(await length.textContent()).toBe('281');
    expect(await length.getAttribute('class')).toContain('over');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('writes the start in the visitor\'s own time zone and counts down to it', async () => {
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/s/later`);
    // 12:00 UTC on 1 January is 7 AM in New York; the server wrote it for Ürümqi (6 PM)
    expect(await page.locator('time[data-local-time]').textContent()).toMatch(/7:00\sAM EST/);
    const countdown = page.locator('[data-countdown]');
    expect(await countdown.isVisible()).toBe(true);
    expect(await countdown.textContent()).toMatch(/^Starts in [\d,]+ days? \d\d:\d\d:\d\d$/);
    await context.close();
  });

  it('posts through the plain form with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    let reached = '';
    await context.route('https://x.com/**', async (route) => {
      reached = route.request().url();
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'x' });
    });
    await page.goto(`${app.baseUrl}/s/browser`);
    expect(await page.locator('[data-countdown]').count()).toBe(0);
    await page.fill('textarea[name=text]', 'بىز بىللە #StandWithUyghurs');
    await page.click('button[data-network=x]');
    await page.waitForURL(/x\.com/);
    expect(new URL(reached).searchParams.get('text')).toBe('بىز بىللە #StandWithUyghurs');
    await context.close();
  });
});
