// The organiser's app beyond English on a desktop: in Uyghur (right to left), at a phone's width; the bulk
// tagging and a person's export and erasure through the screens; the organisation's name, colour and logo
// set in its settings and worn by the public storm page, and its sender identities the only ones offered
// when writing; and a viewer, who sees no button for what their role may not do, and whom the API refuses anyway.
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sessionApi } from '../helpers/accounts.ts';
import { useAppFixture } from '../helpers/app-browser.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { artifactPath, browserSkipReason } from '../helpers/browser.ts';

/** A real PNG logo: a plum band over a white one, `width` × `height` pixels (RGB, no filter). */
function bandsPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) => Buffer.concat([Buffer.from([0]),
    Buffer.from(Array.from({ length: width }, () => (y < height / 2 ? [0x7a, 0x1f, 0x5c] : [0xff, 0xff, 0xff])).flat())]));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

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

  it('lets the owner give the organisation its name, colour and logo, and the public storm page wears them', async () => {
    const { context, page, errors } = await f.signedIn(f.owner);
    await page.goto(`${f.app.baseUrl}/app/settings/organisation`);
    await page.locator('#field-org-name').waitFor();
    await page.fill('#field-org-name', 'Uyghur Voices');
    await page.fill('#field-org-primary', '#7a1f5c');
    // a colour too pale to read on white is refused, next to its field
    await page.fill('#field-org-accent', '#ffdd00');
    await page.click('button:text-is("Save")');
    await expect.poll(() => page.locator('#field-org-accent-error').textContent(), { timeout: 10_000 }).toContain('4.5:1');
    await page.fill('#field-org-accent', '#8a4b00');
    await page.click('button:text-is("Save")');
    await expect.poll(() => page.locator('.done-note').first().textContent(), { timeout: 10_000 }).toBe('Saved.');
    await page.setInputFiles('#org-logo-file', { name: 'logo.png', mimeType: 'image/png', buffer: bandsPng(120, 40) });
    await expect.poll(() => page.locator('img.logo-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(120);
    const found = await f.check(page, '/app/settings/organisation', 'settings-organisation-branded');

    // the supporter's page: the name and logo on top, links and buttons in plum, nothing asked of another origin
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${f.app.baseUrl}/s/screens?lang=en`);
    await page.locator('header.brand img').waitFor();
    expect(await page.locator('header.brand').textContent()).toBe('Uyghur Voices');
    expect(await page.locator('header.brand img').getAttribute('alt')).toBe('Uyghur Voices');
    expect(await page.locator('header.brand img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120);
    const plum = 'rgb(122, 31, 92)';
    expect(await page.locator('button[data-network=x]').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(plum);
    expect(await page.locator('.languages a[hreflang=ug]').evaluate((a) => getComputedStyle(a).color)).toBe(plum);
    await page.screenshot({ path: artifactPath('public-storm-branded.png'), fullPage: true });
    found.push(...(await seriousViolations(page)).map((v) => `public-storm-branded: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`));
    expect(requested.filter((url) => !url.startsWith(f.app.baseUrl))).toEqual([]);
    expect(requested.some((url) => url.includes('/brand/colours.css?v=')) && requested.some((url) => url.includes('/brand/logo?v='))).toBe(true);
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);

  it('offers only the organisation\'s sender identities when writing a message, once it lists any', async () => {
    const { context, page, errors } = await f.signedIn(f.owner);
    expect((await sessionApi(f.app, f.owner, 'PUT', '/api/v1/settings/senders', { items: ['Press Team <press@example.org>'] })).status).toBe(200);
    try {
      const found = await f.check(page, '/app/messages/new', 'compose-senders');
      expect(await page.locator('select#field-from option').allTextContents()).toEqual(['\u2068Outcry <outcry@localhost>\u2069 (the default)', 'Press Team <press@example.org>']);
      await page.fill('#field-subject', 'From the press team');
      await page.fill('#field-body', 'Hello');
      await page.selectOption('#field-from', 'Press Team <press@example.org>');
      await page.click('button:text-is("Save and preview")');
      await page.waitForURL(/\/app\/messages\/\d+$/);
      const id = page.url().split('/').at(-1);
      expect((await sessionApi(f.app, f.owner, 'GET', `/api/v1/messages/${id}`)).body.from).toBe('Press Team <press@example.org>');
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await sessionApi(f.app, f.owner, 'PUT', '/api/v1/settings/senders', { items: [] });
      await context.close();
    }
  }, 30_000);

  it('sets a sender\'s connections and rates at the relay on the email settings screen', async () => {
    const { context, page, errors } = await f.signedIn(f.owner);
    try {
      const found = await f.check(page, '/app/settings/email', 'settings-email-limits');
      await page.fill('#field-senders', 'Press Team <press@example.org>');
      // a row for the default sender and one for the identity as it is typed, the defaults shown in the boxes
      expect(await page.locator('tbody th[scope=row]').allTextContents()).toEqual(['outcry@localhost', 'press@example.org']);
      expect(await page.locator('input[name=limits-1-connections]').getAttribute('placeholder')).toBe('5');
      expect(await page.locator('input[name=limits-1-per_hour]').getAttribute('placeholder')).toBe('no limit');
      await page.fill('input[name=limits-1-connections]', '2');
      await page.fill('input[name=limits-1-per_second]', '14');
      await page.click('form[aria-labelledby=senders-title] button[type=submit]');
      await page.locator('form[aria-labelledby=senders-title] :text-is("Saved.")').waitFor();
      const saved = (await sessionApi(f.app, f.owner, 'GET', '/api/v1/settings/senders')).body;
      expect(saved.limits).toEqual([{ sender: 'press@example.org', connections: 2, per_second: 14, per_hour: null }]);
      // read back on a fresh load
      await page.reload();
      await expect.poll(() => page.locator('input[name=limits-1-connections]').inputValue()).toBe('2');
      await page.screenshot({ path: artifactPath('app-screen-settings-email-limits-saved.png'), fullPage: true });
      found.push(...(await seriousViolations(page)).map((v) => `settings-email-limits-saved: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`));
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await sessionApi(f.app, f.owner, 'PUT', '/api/v1/settings/senders', { items: [], limits: [] });
      await context.close();
    }
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
