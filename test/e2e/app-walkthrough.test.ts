// The organiser's app in a real browser, as a campaigner meets it on the first day: the set-up link, the
// owner's account, a CSV import with its progress, a message written and sent to a real SMTP server, a
// storm created, and a supporter's post (made in a second browser) counted live on the storm's dashboard.
// The pages' own security policy is in force throughout: anything it refused would show as an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupLink } from '../../src/modules/accounts/index.ts';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startTestApp } from '../helpers/test-app.ts';
import type { Page } from 'playwright-core';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** the organiser's app in a browser: ${skip} ***\n`);

const CSV = [
  'Email Address,First Name,Last Name,Language,Country,Group',
  'ayse@example.org,Ayşe,Yılmaz,tr,TR,north',
  'rahima@example.org,Rahima,Mahmut,ug,GB,south',
  'li@example.org,Li,Wei,zh-Hans,DE,north',
  'not an address,Broken,Row,en,GB,north',
].join('\r\n');

/** What a person reads: the text without the Unicode isolates around names and numbers. */
const read = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

/** "YYYY-MM-DDTHH:MM" in UTC, as a datetime-local field takes it. */
// the server renders, sends and counts in its own time; the browser shows it when it comes
const WAIT = { timeout: 10_000 };

const utcLocal = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe.skipIf(!!skip)('the organiser\'s app, from the set-up link to a post counted live', () => {
  let sink: SmtpSink;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const errors: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await startTestApp('sqlite', { env: { SMTP_URL: sink.url, MAIL_FROM: 'Campaign <campaign@example.org>' } });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.cleanup();
    await app?.stop();
    await sink?.close();
  });

  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('dialog', (d) => void d.accept());
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: artifactPath(`app-${name}.png`), fullPage: true });

  it('sets up the owner, imports, sends, creates a storm and counts a post', async () => {
    const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-GB' });
    const page = await context.newPage();
    watch(page);

    // the one-time set-up link, as `npm start` prints it, makes the first owner and signs them in
    const { url } = await issueSetupLink(app.runtime.deps);
    await page.goto(url);
    await page.fill('input[name=name]', 'Dilnur Reyhan');
    await page.fill('input[name=email]', 'dilnur@example.org');
    await page.fill('input[name=password]', 'lanterns drift over quiet rivers');
    await page.click('button[type=submit]');
    await page.waitForURL(`${app.baseUrl}/app`);
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('Home');
    expect(await page.locator('.who').textContent()).toContain('Dilnur Reyhan');
    await shot(page, 'home');

    // import a CSV: the progress bar, the numbers, the report of the rejected row
    await page.click('nav a[href="/app/supporters"]');
    await page.click('a[href="/app/supporters/import"]');
    await page.setInputFiles('#import-file', { name: 'supporters.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.fill('#field-import-tags', 'walk');
    await page.click('button[type=submit]');
    const status = page.locator('#import-progress ~ p[role=status]');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('Done: 4 rows read, 3 added, 0 updated, 1 rejected');
    expect(await page.locator('progress').getAttribute('value')).toBe(await page.locator('progress').getAttribute('max'));
    const report = page.locator('a[href$="/rejected.csv"]');
    const rejected = await page.evaluate(async (href) => (await fetch(href!)).text(), await report.getAttribute('href'));
    expect(rejected).toContain('not an address');
    await shot(page, 'import');
    await page.click('a:text-is("See the supporters")');
    await expect.poll(() => page.locator('main p[role=status]').textContent(), WAIT).toBe('3 supporters');
    await shot(page, 'supporters');

    // write a message to those tagged "walk", preview it as Ayşe, send a test copy, then send it
    await page.click('nav a[href="/app/messages"]');
    await page.click('main a[href="/app/messages/new"]');
    await page.fill('#field-subject', 'Will you take part, {{ first_name }}?');
    await page.fill('#field-body', 'Hi {{ first_name | default: "friend" }},\n\nThe storm is on Saturday.');
    await page.fill('#field-tags', 'walk');
    await shot(page, 'compose');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/app\/messages\/\d+$/);
    await page.fill('#field-preview-email', 'ayse@example.org');
    await page.click('button:text-is("Show")');
    await expect.poll(() => page.locator('iframe.email-frame').getAttribute('srcdoc'), WAIT).toContain('Hi Ayşe');
    await page.fill('#field-test-email', 'me@example.org');
    await page.click('button:text-is("Send the test")');
    await expect.poll(() => page.locator('.done-note').textContent(), WAIT).toMatch(/The mail relay answered:\s*250/);
    await page.click('button:text("Send now")');
    await expect.poll(() => page.locator('.badge').first().textContent(), { timeout: 20_000 }).toBe('sent');
    await expect.poll(() => page.locator('dl.numbers dd').first().textContent(), WAIT).toBe('3');
    await shot(page, 'message');
    const mails = await sink.waitFor(4);
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['ayse@example.org', 'li@example.org', 'me@example.org', 'rahima@example.org']);
    expect(mails.find((m) => m.envelopeTo[0] === 'ayse@example.org')!.parsed.subject).toBe('Will you take part, Ayşe?');

    // create a storm that is on now
    await page.click('nav a[href="/app/storms"]');
    await page.click('main a[href="/app/storms/new"]');
    await page.fill('#field-title', 'Stand with Uyghurs');
    expect(await page.inputValue('#field-slug')).toBe('stand-with-uyghurs');
    await page.selectOption('#field-timezone', 'UTC');
    await page.fill('#field-starts', utcLocal(Date.now() - 10 * 60_000));
    await page.fill('#field-ends', utcLocal(Date.now() + 2 * 3_600_000));
    await page.fill('#field-hashtags', '#StandWithUyghurs');
    await page.fill('#variant-0', 'Free them all');
    // the server's count: the text, a space and the hashtag
    await expect.poll(async () => read(await page.locator('#variant-0-lengths [data-network=x]').textContent()), WAIT).toContain('X: 31 / 280');
    await shot(page, 'storm-edit');
    await page.click('button:text("Create the storm")');
    await page.waitForURL(/\/app\/storms\/\d+\/edit$/);
    await page.click('a:text("Dashboard")');
    await page.waitForURL(/\/app\/storms\/\d+$/);
    const total = page.locator('[data-testid=posts-total]');
    await expect.poll(() => total.textContent(), WAIT).toBe('0');

    // a supporter posts from the action page in another browser; the dashboard counts it
    const supporter = await browser.newContext();
    await supporter.route('https://x.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'x' }));
    const action = await supporter.newPage();
    await action.goto(`${app.baseUrl}/s/stand-with-uyghurs`);
    await action.click('button[data-network=x]');
    await action.waitForURL(/x\.com/);
    await expect.poll(() => total.textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('#per-network ~ table').textContent()).toContain('X1');
    // this storm addresses no official, so there is no per-official block
    expect(await page.locator('[data-testid=per-target]').count()).toBe(0);
    await shot(page, 'storm-live');
    await supporter.close();

    // the owner's "send me a test" through the relay shows the relay's own reply
    await page.click('nav a[href="/app/settings"]');
    await page.click('a[href="/app/settings/email"]');
    expect(await page.inputValue('#field-smtp-test-to')).toBe('dilnur@example.org');
    await page.click('button:text-is("Send a test mail")');
    await expect.poll(() => page.locator('.done-note').textContent(), WAIT).toMatch(/The mail relay answered:\s*250 Ok: queued/);
    await sink.waitFor(5);
    expect(sink.mails[4]!.envelopeTo).toEqual(['dilnur@example.org']);
    await shot(page, 'settings-email');
    await context.close();
    expect(errors).toEqual([]);
  }, 90_000);
});
