// For the browser tests of the organiser's app: a running Outcry with an owner and a viewer signed in, two
// supporters, a live storm and a draft message; a browser context carrying a session; and a look at a
// screen (settled, screenshot kept, axe's serious findings returned).
import { afterAll, beforeAll, expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addOrganiser, type CookieJar } from './accounts.ts';
import { seriousViolations } from './axe.ts';
import { artifactPath, launchBrowser } from './browser.ts';
import { addSupporters } from './fixtures.ts';
import { startTestApp } from './test-app.ts';

export interface AppFixture {
  app: Awaited<ReturnType<typeof startTestApp>>;
  owner: CookieJar;
  viewer: CookieJar;
  personId: number;
  stormId: number;
  messageId: number;
  signedIn(jar: CookieJar, options?: { viewport?: { width: number; height: number } }): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  check(page: Page, path: string, name: string): Promise<string[]>;
}

export function useAppFixture(): AppFixture {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const fixture = {} as AppFixture;

  beforeAll(async () => {
    const app = await startTestApp('sqlite', { worker: false });
    browser = await launchBrowser();
    const { jar: owner } = await addOrganiser(app, 'owner@example.org', 'owner');
    const { jar: viewer } = await addOrganiser(app, 'viewer@example.org', 'viewer');
    const [personId] = await addSupporters(app.runtime.deps.db, [
      { email: 'rahima@example.org', given_name: 'راھىلە', tags: ['uyghur-diaspora'], language: 'ug', country: 'TR' },
      { email: 'ayse@example.org', given_name: 'Ayşe', tags: ['turkey'], language: 'tr', country: 'TR' },
    ]);
    const now = Date.now();
    const storm = await app.api('POST', '/api/v1/storms', {
      title: 'ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى', slug: 'screens', language: 'ug', timezone: 'Asia/Urumqi',
      starts_at: new Date(now - 600_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString(),
      hashtags: ['StandWithUyghurs'], messages: [{ text: 'ئۇيغۇرلار بىلەن بىللە تۇرايلى' }, { text: 'Free them all' }],
    });
    expect(storm.status).toBe(201);
    const message = await app.api('POST', '/api/v1/messages', {
      subject: 'Will you take part?', body: `Hi {{ first_name }},\n\n[Send your post](${storm.body.url})`, targets: { tags: ['turkey'] },
    });
    expect(message.status).toBe(201);
    Object.assign(fixture, { app, owner, viewer, personId: personId!, stormId: storm.body.id, messageId: message.body.id });
  }, 60_000);

  afterAll(async () => {
    await browser?.cleanup();
    await fixture.app?.stop();
  });

  fixture.signedIn = async (jar, options = {}) => {
    // axe is added as an inline script, which the app's policy rightly refuses: only here is it bypassed
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB', timezoneId: 'Europe/Istanbul', ...options });
    await context.addCookies([...jar.cookies].map(([name, value]) => ({ name, value, url: fixture.app.baseUrl })));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, errors };
  };

  fixture.check = async (page, path, name) => {
    await page.goto(`${fixture.app.baseUrl}${path}`);
    await page.waitForLoadState('networkidle');
    await page.locator('main h1').waitFor();
    await expect.poll(() => page.locator('main .loading').count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: artifactPath(`app-screen-${name}.png`), fullPage: true });
    return (await seriousViolations(page)).map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
  };

  return fixture;
}
