// Logging in and out: the form and the JSON API set a session cookie (HttpOnly, SameSite, Secure behind
// https), a wrong password and an unknown address get the same answer, and failures are limited per
// account and per client address, in the database, so a second process sees the same count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/config.ts';
import { createTranslator } from '../../src/i18n/index.ts';
import { manualClock } from '../../src/lib/clock.ts';
import { createRuntime, type WebRuntime } from '../../src/runtime.ts';
import { addOrganiser, CookieJar, getPage, hiddenField, logInWithForm, PASSWORD, postForm, sessionApi } from '../helpers/accounts.ts';
import { describeEachDatabase, startTestApp, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-03-01T09:00:00Z');
const en = createTranslator('en');
let n = 0;
/** A client address of its own for each test, so the per-address limit of one does not spill into another. */
const newAddress = () => ({ 'x-forwarded-for': `203.0.113.${++n}` });

function jsonLogin(ctx: TestContext, body: object, headers: Record<string, string> = {}) {
  return fetch(`${ctx.baseUrl}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
}

describeEachDatabase('logging in', (ctx, dialect) => {
  let email: string;
  beforeAll(async () => {
    email = `campaigner-${dialect}@example.org`;
    await addOrganiser(ctx(), email, 'campaigner');
  });

  it('signs in with the form: a fresh HttpOnly, SameSite cookie, then the web app or a safe `next`', async () => {
    const headers = newAddress();
    const jar = new CookieJar();
    const form = await getPage(ctx().baseUrl, '/login?next=%2Fapp%2Fpeople%3Ftag%3Dx', jar, headers);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`<h1>${en.text('login.title')}</h1>`);
    expect(form.html).toContain('<input type="hidden" name="next" value="/app/people?tag=x">');
    const res = await postForm(ctx().baseUrl, '/login', jar, { _csrf: hiddenField(form.html, '_csrf'), next: '/app/people?tag=x', email: email.toUpperCase(), password: PASSWORD }, headers);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/people?tag=x');
    expect(jar.lastSetCookies.find((c) => c.startsWith('oc_session='))).toMatch(/^oc_session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).body.user.email).toBe(email);
    // signed in already: the login page sends on
    const again = await getPage(ctx().baseUrl, '/login', jar, headers);
    expect([again.status, again.headers.get('location')]).toEqual([303, '/app']);

    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/login']) {
      const jar2 = new CookieJar();
      const f = await getPage(ctx().baseUrl, '/login', jar2, headers);
      const r = await postForm(ctx().baseUrl, '/login', jar2, { _csrf: hiddenField(f.html, '_csrf'), next, email, password: PASSWORD }, headers);
      expect(r.headers.get('location'), next).toBe('/app');
    }
  });

  it('sends a browser without a session from the web app to the login page, and back after', async () => {
    const page = await getPage(ctx().baseUrl, '/app/people?tag=x', new CookieJar());
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fapp%2Fpeople%3Ftag%3Dx');
  });

  it('answers a wrong password and an unknown address alike, on the form and the API', async () => {
    const headers = newAddress();
    const wrong = await logInWithForm(ctx().baseUrl, email, 'not the password at all', headers);
    const unknown = await logInWithForm(ctx().baseUrl, `nobody-${dialect}@example.org`, 'not the password at all', headers);
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]*"/, '').replace(/value="[^"]*@example.org"/, '');
    expect(strip(wrong.res.html)).toBe(strip(unknown.res.html));
    expect(wrong.res.html).toContain(`<p class="notice" role="alert">${en.text('login.failed')}</p>`);
    expect(wrong.jar.cookies.has('oc_session')).toBe(false);

    const apiWrong = await jsonLogin(ctx(), { email, password: 'not the password at all' }, headers);
    const apiUnknown = await jsonLogin(ctx(), { email: `nobody-${dialect}@example.org`, password: 'not the password at all' }, headers);
    expect(apiWrong.status).toBe(401);
    expect(apiUnknown.status).toBe(401);
    expect(await apiWrong.json()).toEqual(await apiUnknown.json());
    expect(apiWrong.headers.getSetCookie()).toEqual([]);
  });

  it('logs in through the API too (JSON only), and out again', async () => {
    const headers = newAddress();
    const res = await jsonLogin(ctx(), { email, password: PASSWORD }, headers);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toMatchObject({ email, role: 'campaigner', totp_enabled: false });
    const jar = new CookieJar();
    jar.take(res);
    expect(jar.cookies.get('oc_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).body.csrf_token).toBe(body.csrf_token);

    // a form on another site can send url-encoded bodies, not JSON
    const form = await fetch(`${ctx().baseUrl}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ email, password: PASSWORD }).toString(),
    });
    expect(form.status).toBe(415);

    const out = await sessionApi(ctx(), jar, 'DELETE', '/api/v1/session');
    expect(out.status).toBe(204);
    expect(jar.cookies.has('oc_session')).toBe(false);
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).status).toBe(401);
  });

  it('logs out with the form: the session ends on the server, and a forged form is refused', async () => {
    const { jar } = await logInWithForm(ctx().baseUrl, email, PASSWORD, newAddress());
    const session = jar.cookies.get('oc_session')!;
    const csrf = (await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).body.csrf_token as string;
    const forged = await postForm(ctx().baseUrl, '/logout', jar, { _csrf: 'x' });
    expect(forged.status).toBe(403);
    const out = await postForm(ctx().baseUrl, '/logout', jar, { _csrf: csrf });
    expect([out.status, out.headers.get('location')]).toEqual([303, '/login?signed_out=1']);
    // the old cookie, kept by someone, opens nothing
    const kept = new CookieJar();
    kept.cookies.set('oc_session', session);
    expect((await sessionApi(ctx(), kept, 'GET', '/api/v1/session')).status).toBe(401);
    const page = await getPage(ctx().baseUrl, '/login?signed_out=1', new CookieJar());
    expect(page.html).toContain(en.text('login.signedOut'));
  });

  it('ends a session after 12 idle hours', async () => {
    const { jar } = await logInWithForm(ctx().baseUrl, email, PASSWORD, newAddress());
    clock.advance(11 * 3_600_000);
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).status).toBe(200);
    clock.advance(11 * 3_600_000);
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).status).toBe(200);
    clock.advance(12 * 3_600_000 + 1000);
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).status).toBe(401);
  });

  it('refuses the sixth failure for an account within 15 minutes, even with the right password, in every process', async () => {
    const target = `limited-${dialect}@example.org`;
    await addOrganiser(ctx(), target, 'viewer');
    // a second web process on the same database
    const config = ctx().runtime.deps.config;
    const other: WebRuntime = await createRuntime(readConfig({
      OUTCRY_DATA: config.dataDir, ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}), PUBLIC_URL: config.publicUrl, LOG_LEVEL: 'warn', TRUST_PROXY: '1',
    }), { web: true, worker: false, clock, logger: false });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await jsonLogin(ctx(), { email: target, password: `wrong password ${i}` }, newAddress());
        expect(res.status).toBe(401);
      }
      const refused = await other.app.inject({
        method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json', ...newAddress() }, payload: JSON.stringify({ email: target, password: PASSWORD }),
      });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);

      // the form says so in words, with the same header
      const page = await logInWithForm(ctx().baseUrl, target, PASSWORD, newAddress());
      expect(page.res.status).toBe(429);
      expect(page.res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(page.res.html).toContain(en.text('login.tooMany', { minutes: 15 }));

      clock.advance(15 * 60_000 + 1000);
      expect((await jsonLogin(ctx(), { email: target, password: PASSWORD }, newAddress())).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('refuses a client address after 20 failures in 15 minutes, whichever accounts it tried', async () => {
    const headers = newAddress();
    for (let i = 0; i < 20; i++) {
      const res = await jsonLogin(ctx(), { email: `guess-${i}@example.org`, password: 'wrong password' }, headers);
      expect(res.status).toBe(401);
    }
    const refused = await jsonLogin(ctx(), { email, password: PASSWORD }, headers);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // the account itself is not locked: from elsewhere it logs in
    expect((await jsonLogin(ctx(), { email, password: PASSWORD }, newAddress())).status).toBe(200);
  });
}, () => ({ clock, env: { TRUST_PROXY: '1' } })); // each test its own client address, through X-Forwarded-For

describe('the session cookie behind https', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp('sqlite', { env: { PUBLIC_URL: 'https://outcry.example.org' }, worker: false });
  });
  afterAll(async () => app?.stop());

  it('is Secure and __Host- prefixed', async () => {
    await addOrganiser(app, 'tls@example.org', 'viewer');
    const res = await jsonLogin(app, { email: 'tls@example.org', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^__Host-oc_session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Lax$/)]);
  });
});
