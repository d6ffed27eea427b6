// Getting in, in a real browser: the set-up link creates the owner and lands in the web app; signing out
// and in again (with a wrong password first) works by keyboard and plain forms; a second factor is enrolled
// in the app's settings (the password first), and the login then asks for its code. Every page is checked
// with axe (no serious or critical WCAG 2.2 AA violation), in English and in Uyghur (right to left), and
// loads nothing the pages' CSP refuses. Screenshots go to test-artifacts/login-*.png.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/index.ts';
import { manualClock } from '../../src/lib/clock.ts';
import { issueSetupLink } from '../../src/modules/accounts/index.ts';
import { totpCode } from '../../src/modules/accounts/totp.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { startTestApp } from '../helpers/test-app.ts';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** signing in, in a browser: ${skip} ***\n`);

const PASSWORD = 'lanterns drift over quiet rivers';
const EMAIL = 'rahima@example.org';
const en = createTranslator('en');
const ug = createTranslator('ug');
const clock = manualClock(new Date());
const appCatalogue = JSON.parse(readFileSync(new URL('../../src/i18n/catalogues/app/en.json', import.meta.url), 'utf8')) as Record<string, string>;
/** The web app's English words (its catalogue has no placeholders in these). */
const appText = (key: string): string => appCatalogue[key] ?? (() => { throw new Error(`no app string ${key}`); })();
/** The secret enrolled in the settings, for the codes of the login after. */
let secret = '';

describe.skipIf(!!skip)('signing in, in a browser', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    app = await startTestApp('sqlite', { worker: false, clock });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.cleanup();
    await app?.stop();
  });

  async function check(page: Page, shot: string) {
    await page.screenshot({ path: artifactPath(`login-${shot}.png`), fullPage: true });
    expect(await seriousViolations(page), shot).toEqual([]);
  }

  it('loads the login and set-up pages without anything the CSP refuses', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused: string[] = [];
    const origins = new Set<string>();
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    await page.goto(`${app.baseUrl}/login`);
    await page.goto((await issueSetupLink(app.runtime.deps)).url);
    expect(refused).toEqual([]);
    expect([...origins]).toEqual([app.baseUrl]);
    // the stylesheet applied: the pages are styled, not bare
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).maxInlineSize)).not.toBe('none');
    await context.close();
  });

  it('creates the owner through the set-up link, signs out, and signs in again', async () => {
    // axe is injected as a script, which the pages' CSP rightly refuses: this context bypasses it
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto((await issueSetupLink(app.runtime.deps)).url);
    expect(await page.textContent('h1')).toBe(en.text('setup.title'));
    await check(page, 'setup');

    // a password too short: the page says so next to the field
    await page.getByLabel(en.text('setup.name')).fill('Rahima Mahmut');
    await page.getByLabel(en.text('setup.email')).fill(EMAIL);
    await page.getByLabel(en.text('setup.password')).fill('too short');
    await page.getByRole('button', { name: en.text('setup.submit') }).click();
    await page.waitForLoadState();
    expect(await page.textContent('#f-password-error')).toBe(en.text('setup.error.passwordShort', { min: 12 }));
    await check(page, 'setup-error');

    await page.getByLabel(en.text('setup.password')).fill(PASSWORD);
    await page.getByLabel(en.text('setup.password')).press('Enter');
    await page.waitForURL(`${app.baseUrl}/app`);

    // signed in: the session API answers with the owner
    const session = await page.request.get(`${app.baseUrl}/api/v1/session`);
    expect((await session.json()).user).toMatchObject({ email: EMAIL, role: 'owner' });
    const csrf = (await session.json()).csrf_token as string;
    // the app is left before its session ends: still starting, it would find the session gone and go to the
    // login page itself, racing the visit below
    await page.goto('about:blank');
    expect((await page.request.delete(`${app.baseUrl}/api/v1/session`, { headers: { 'x-csrf-token': csrf } })).status()).toBe(204);

    await page.goto(`${app.baseUrl}/app/people`);
    await page.waitForURL(`${app.baseUrl}/login?next=%2Fapp%2Fpeople`);
    expect(await page.textContent('h1')).toBe(en.text('login.title'));
    await check(page, 'login');

    await page.getByLabel(en.text('login.email')).fill(EMAIL);
    await page.getByLabel(en.text('login.password')).fill('not my password at all');
    await page.getByRole('button', { name: en.text('login.submit') }).click();
    await page.waitForLoadState();
    expect(await page.textContent('[role=alert]')).toBe(en.text('login.failed'));
    // what was typed stays, but the password
    expect(await page.inputValue('#f-email')).toBe(EMAIL);
    await check(page, 'login-failed');

    await page.getByLabel(en.text('login.password')).fill(PASSWORD);
    await page.getByLabel(en.text('login.password')).press('Enter');
    await page.waitForURL(`${app.baseUrl}/app/people`);
    await context.close();
  });

  it('enrols an authenticator app in the settings, only with the password', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB' });
    const page = await context.newPage();
    const login = await page.request.post(`${app.baseUrl}/api/v1/session`, { data: { email: EMAIL, password: PASSWORD } });
    const csrf = (await login.json()).csrf_token as string;
    await page.goto(`${app.baseUrl}/app/settings/account`);
    await page.getByLabel(appText('totp.password')).fill('not my password at all');
    await page.getByRole('button', { name: appText('totp.start') }).click();
    await page.locator('.error-note').waitFor();
    expect(await page.locator('code.secret').count()).toBe(0);
    await page.getByLabel(appText('totp.password')).fill(PASSWORD);
    await page.getByRole('button', { name: appText('totp.start') }).click();
    secret = (await page.locator('code.secret').textContent())!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await check(page, 'totp-enrol');
    await page.getByLabel(appText('totp.code')).fill(totpCode(secret, clock.now()));
    await page.getByRole('button', { name: appText('totp.confirm') }).click();
    await page.getByText(appText('totp.enabled')).waitFor();
    await page.request.delete(`${app.baseUrl}/api/v1/session`, { headers: { 'x-csrf-token': csrf } });
    await context.close();
  });

  it('asks for the code of a user with a second factor, in Uyghur, right to left', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'ug' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/login?lang=ug`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.textContent('h1')).toBe(ug.text('login.title'));
    await check(page, 'login-ug');
    await page.getByLabel(ug.text('login.email')).fill(EMAIL);
    await page.getByLabel(ug.text('login.password')).fill(PASSWORD);
    await page.getByRole('button', { name: ug.text('login.submit') }).click();
    await page.waitForLoadState();
    expect(await page.textContent('h1')).toBe(ug.text('login.code.title'));
    await check(page, 'code-ug');
    // the code that confirmed the enrolment is spent: the next one
    clock.advance(30_000);
    await page.getByLabel(ug.text('login.code.label')).fill(totpCode(secret, clock.now()));
    await page.getByRole('button', { name: ug.text('login.code.submit') }).click();
    await page.waitForURL(`${app.baseUrl}/app`);
    await context.close();
  });
});
