// "Remind me" in a real browser: a supporter on the page before the storm asks for a reminder with the plain
// form, sees the confirmation; the clock reaches the start, the reminder arrives over SMTP, and its link
// opens the live page. Screenshots go to test-artifacts/reminder-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startTestApp } from '../helpers/test-app.ts';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** "Remind me" in a browser: ${skip} ***\n`);

describe.skipIf(!!skip)('"Remind me" in a browser', () => {
  const clock = manualClock('2030-03-01T11:00:00Z');
  let sink: SmtpSink;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await startTestApp('sqlite', { clock, env: { SMTP_URL: sink.url, SMTP_CONNECTIONS: '1' } });
    browser = await launchBrowser();
    const created = await app.api('POST', '/api/v1/storms', {
      title: 'The genocide is not over', slug: 'remind-browser', language: 'en', timezone: 'Asia/Urumqi',
      starts_at: '2030-03-01T12:00:00Z', ends_at: '2030-03-01T14:00:00Z', hashtags: ['StandWithUyghurs'],
      messages: [{ text: 'Tonight the Olympic flame goes out in Beijing. For the Uyghurs in the camps, the darkness goes on.' }],
    });
    expect(created.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.cleanup();
    await app?.stop();
    await sink?.close();
  });

  it('takes a request before the storm and brings the supporter to the live page with the reminder at the start', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${app.baseUrl}/s/remind-browser`);
    expect(await page.locator('#remind-email').inputValue()).toBe('');
    // the start in the visitor's zone (London), and in the storm's (Ürümqi) as the server wrote it
    expect(await page.locator('time[data-local-time]').textContent()).toMatch(/12:00\spm GMT \(.*6:00\spm GMT\+6\)$/i);
    expect(await page.getByRole('link', { name: 'Add it to your calendar' }).getAttribute('href')).toBe('/s/remind-browser/storm.ics?lang=en');
    await page.screenshot({ path: artifactPath('reminder-before.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await page.fill('#remind-email', 'Supporter@Example.org');
    await page.getByRole('button', { name: 'Remind me' }).click();
    await page.waitForURL(/\/s\/remind-browser\/reminded\?lang=en$/);
    expect(await page.locator('h1').textContent()).toBe('We will remind you');
    await page.screenshot({ path: artifactPath('reminder-requested.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect((await app.api('GET', '/api/v1/storms')).body.items[0].reminders_requested).toBe(1);

    // nothing before the start; at the start the worker's tick sends the wave by itself
    await new Promise((r) => setTimeout(r, 5_500));
    expect(sink.mails).toHaveLength(0);
    clock.set('2030-03-01T12:00:02Z');
    const [mail] = await sink.waitFor(1, 20_000);
    expect(mail!.envelopeTo).toEqual(['supporter@example.org']);
    expect(mail!.parsed.subject).toBe('It’s time: \u2068The genocide is not over\u2069');

    const mailPage = await context.newPage();
    await mailPage.setContent(String(mail!.parsed.html));
    await mailPage.screenshot({ path: artifactPath('reminder-email.png'), fullPage: true });
    const link = await mailPage.getByRole('link', { name: 'Take part now' }).getAttribute('href');
    expect(link).toMatch(new RegExp(`^${app.baseUrl}/l/[A-Za-z0-9_-]{22}\\?m=\\d+&u=`));
    await mailPage.close();

    await page.goto(link!);
    expect(new URL(page.url()).pathname).toBe('/s/remind-browser');
    expect(new URL(page.url()).searchParams.get('r')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await page.locator('textarea[name=text]').isVisible()).toBe(true);
    expect(await page.locator('#remind-email').count()).toBe(0);
    await page.screenshot({ path: artifactPath('reminder-live.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
