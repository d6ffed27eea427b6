// The organiser's app beyond English on a desktop: in Uyghur (right to left), at a phone's width; the bulk
// tagging and a person's export and erasure through the screens; and a viewer, who sees no button for
// what their role may not do, and whom the API refuses anyway.
import { describe, expect, it } from 'vitest';
import { sessionApi } from '../helpers/accounts.ts';
import { useAppFixture } from '../helpers/app-browser.ts';
import { browserSkipReason } from '../helpers/browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** the organiser's app in Uyghur, on a phone, by role: ${skip} ***\n`);

describe.skipIf(!!skip)('the organiser\'s app in Uyghur, on a phone, and by role', () => {
  const f = useAppFixture();

  it('lays the app out right to left in Uyghur, its words from the Uyghur catalogue', async () => {
    const { context, page, errors } = await f.signedIn(f.owner);
    const found = await f.check(page, '/app?lang=ug', 'ug-home');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ug');
    expect(await page.locator('nav a[href="/app/storms"]').textContent()).not.toBe('Storms');
    // the language is remembered: the next screen speaks it too
    found.push(...await f.check(page, `/app/storms/${f.stormId}`, 'ug-storm-live'));
    found.push(...await f.check(page, '/app/supporters', 'ug-supporters'));
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    // the main navigation starts on the right
    const nav = await page.locator('nav[aria-label] a[href="/app"]').first().boundingBox();
    const viewport = page.viewportSize()!;
    expect(nav!.x).toBeGreaterThan(viewport.width / 2);
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);

  it('fits a phone 360 pixels wide without sideways scrolling', async () => {
    const { context, page } = await f.signedIn(f.owner, { viewport: { width: 360, height: 740 } });
    for (const [path, name] of [['/app', 'phone-home'], [`/app/storms/${f.stormId}/edit`, 'phone-storm-edit'], [`/app/messages/${f.messageId}`, 'phone-message']] as const) {
      expect(await f.check(page, path, name)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(360);
    }
    await context.close();
  }, 40_000);

  it('tags the ticked supporters in bulk, exports a person\'s data and erases them on request', async () => {
    const { context, page, errors } = await f.signedIn(f.owner);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${f.app.baseUrl}/app/supporters`);
    await page.locator('input[aria-label*="ayse@example.org"]').check();
    await page.fill('#field-bulk-tag', 'speakers');
    await page.click('button:text-is("Add the tag")');
    await expect.poll(() => page.locator('.done-note').textContent(), { timeout: 10_000 }).toBe('1 person tagged “\u2068speakers\u2069”.');
    await expect.poll(() => page.locator('tr:has-text("ayse@example.org") .tag').allTextContents()).toContain('speakers');

    await page.goto(`${f.app.baseUrl}/app/supporters/${f.personId}`);
    const href = await page.locator('a:text-is("Export their data")').getAttribute('href');
    const exported = await page.evaluate(async (url) => (await fetch(url!)).json(), href);
    expect(JSON.stringify(exported)).toContain('rahima@example.org');
    await page.click('button:text-is("Erase")');
    await page.waitForURL(`${f.app.baseUrl}/app/supporters`);
    await expect.poll(() => page.locator('main p[role=status]').textContent(), { timeout: 10_000 }).toBe('1 supporter');
    expect((await sessionApi(f.app, f.owner, 'GET', `/api/v1/people/${f.personId}`)).status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);

  it('shows a viewer the numbers but no button to send, and the API refuses them a send', async () => {
    const { context, page } = await f.signedIn(f.viewer);
    await f.check(page, `/app/messages/${f.messageId}`, 'viewer-message');
    expect(await page.locator('button:text-is("Send now")').count()).toBe(0);
    expect(await page.locator('nav a[href="/app/settings"]').count()).toBe(1);
    await page.goto(`${f.app.baseUrl}/app/settings/users`);
    await page.locator('main h1').waitFor();
    expect(await page.locator('a[href="/app/settings/users"]').count()).toBe(0);
    const refused = await sessionApi(f.app, f.viewer, 'POST', `/api/v1/messages/${f.messageId}/send`, {});
    expect(refused.status).toBe(403);
    await context.close();
  }, 30_000);
});
