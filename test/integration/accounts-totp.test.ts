// The optional second factor (RFC 6238): a user enrols an authenticator app, which takes effect once a
// code from it is confirmed; from then on logging in asks for a code as a second step, and a code that
// was accepted once is never accepted again.
import { beforeAll, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/index.ts';
import { manualClock } from '../../src/lib/clock.ts';
import { totpCode } from '../../src/modules/accounts/totp.ts';
import { addOrganiser, CookieJar, getPage, hiddenField, PASSWORD, postForm, sessionApi } from '../helpers/accounts.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

const clock = manualClock('2030-03-01T09:00:10Z');
const en = createTranslator('en');
let n = 0;
const address = () => ({ 'x-forwarded-for': `198.51.100.${++n}` });

describeEachDatabase('a second factor', (ctx, dialect) => {
  let email: string;
  let jar: CookieJar;
  let secret: string;

  beforeAll(async () => {
    email = `totp-${dialect}@example.org`;
    jar = (await addOrganiser(ctx(), email, 'campaigner')).jar;
  });

  it('is enrolled with a secret, its otpauth URI and QR code, and is on only once a code confirms it', async () => {
    const begun = await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp', { password: PASSWORD });
    expect(begun.status).toBe(200);
    secret = begun.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(begun.body.uri).toBe(`otpauth://totp/Outcry:${encodeURIComponent(email)}?issuer=Outcry&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
    expect(begun.body.qr_svg).toMatch(/^<svg [^>]*viewBox/);
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).body.user.totp_enabled).toBe(false);

    const wrong = await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp/confirm', { code: '000000' });
    expect(wrong.status).toBe(422);
    const confirmed = await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp/confirm', { code: totpCode(secret, clock.now()) });
    expect(confirmed.body).toEqual({ totp_enabled: true });
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).body.user.totp_enabled).toBe(true);
  });

  it('asks for the code after the password, and refuses a code that was used already', async () => {
    const headers = address();
    const browser = new CookieJar();
    const form = await getPage(ctx().baseUrl, '/login', browser, headers);
    const csrf = hiddenField(form.html, '_csrf');
    const step1 = await postForm(ctx().baseUrl, '/login', browser, { _csrf: csrf, email, password: PASSWORD }, headers);
    expect(step1.status).toBe(200);
    expect(step1.html).toContain(`<h1>${en.text('login.code.title')}</h1>`);
    expect(step1.html).toContain('autocomplete="one-time-code"');
    expect(browser.cookies.has('oc_session')).toBe(false);
    const pending = hiddenField(step1.html, 'pending');

    // the code that confirmed the enrolment, still inside its 30 seconds: used already
    const replay = await postForm(ctx().baseUrl, '/login', browser, { _csrf: csrf, pending, code: totpCode(secret, clock.now()) }, headers);
    expect(replay.status).toBe(401);
    expect(replay.html).toContain(en.text('login.code.failed'));
    expect(browser.cookies.has('oc_session')).toBe(false);

    clock.advance(30_000);
    const code = totpCode(secret, clock.now());
    const step2 = await postForm(ctx().baseUrl, '/login', browser, { _csrf: csrf, pending, code }, headers);
    expect([step2.status, step2.headers.get('location')]).toEqual([303, '/app']);
    expect(browser.cookies.get('oc_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // the same code a second time, in another login: refused
    const other = new CookieJar();
    const otherForm = await getPage(ctx().baseUrl, '/login', other, headers);
    const otherStep1 = await postForm(ctx().baseUrl, '/login', other, { _csrf: hiddenField(otherForm.html, '_csrf'), email, password: PASSWORD }, headers);
    const again = await postForm(ctx().baseUrl, '/login', other, { _csrf: hiddenField(otherForm.html, '_csrf'), pending: hiddenField(otherStep1.html, 'pending'), code }, headers);
    expect(again.status).toBe(401);
  });

  it('refuses a forged or stale second step', async () => {
    const headers = address();
    const browser = new CookieJar();
    const form = await getPage(ctx().baseUrl, '/login', browser, headers);
    const csrf = hiddenField(form.html, '_csrf');
    const step1 = await postForm(ctx().baseUrl, '/login', browser, { _csrf: csrf, email, password: PASSWORD }, headers);
    const pending = hiddenField(step1.html, 'pending');
    const [id, until] = pending.split('.');
    clock.advance(30_000);
    const forged = await postForm(ctx().baseUrl, '/login', browser, { _csrf: csrf, pending: `${id}.${until}.AAAAAAAAAAAAAAAAAAAAAA`, code: totpCode(secret, clock.now()) }, headers);
    expect(forged.status).toBe(401);
    expect(forged.html).toContain(en.text('login.code.expired'));
    clock.advance(5 * 60_000);
    const stale = await postForm(ctx().baseUrl, '/login', browser, { _csrf: csrf, pending, code: totpCode(secret, clock.now()) }, headers);
    expect(stale.status).toBe(401);
    expect(browser.cookies.has('oc_session')).toBe(false);
  });

  it('needs the code through the API too', async () => {
    const headers = { 'content-type': 'application/json', ...address() };
    const login = (body: object) => fetch(`${ctx().baseUrl}/api/v1/session`, { method: 'POST', headers, body: JSON.stringify(body) });
    const without = await login({ email, password: PASSWORD });
    expect(without.status).toBe(401);
    expect((await without.json()).type).toBe('/problems/totp-required');
    clock.advance(30_000);
    const withCode = await login({ email, password: PASSWORD, totp: totpCode(secret, clock.now()) });
    expect(withCode.status).toBe(200);
    expect((await withCode.json()).user.totp_enabled).toBe(true);
  });

  it('is turned off only with a current code, and the audit log has both changes', async () => {
    clock.advance(30_000);
    expect((await sessionApi(ctx(), jar, 'DELETE', '/api/v1/session/totp', { code: '123456' })).status).toBe(422);
    const off = await sessionApi(ctx(), jar, 'DELETE', '/api/v1/session/totp', { code: totpCode(secret, clock.now()) });
    expect(off.body).toEqual({ totp_enabled: false });
    const res = await fetch(`${ctx().baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...address() }, body: JSON.stringify({ email, password: PASSWORD }) });
    expect(res.status).toBe(200);
    const audit = await ctx().api('GET', '/api/v1/audit?limit=500');
    const mine = audit.body.items.filter((e: { actor: string }) => e.actor.includes(email)).map((e: { action: string }) => e.action);
    expect(mine).toEqual(expect.arrayContaining(['totp.enable', 'totp.disable', 'login.failed']));
  });

  it('belongs to a logged-in user: an API token has none', async () => {
    expect((await ctx().api('POST', '/api/v1/session/totp', { password: PASSWORD })).status).toBe(401);
  });
}, () => ({ clock, env: { TRUST_PROXY: '1' } })); // each test its own client address, through X-Forwarded-For
