// Organisers' accounts against someone trying to get round them: the API decided by the route a request
// matched (never by how its path was spelled), sending on after login only within the site, a client's
// address taken only from proxies we trust, a second factor no set-password link or stolen session can
// get past, tokens and live streams that go with the user, session or role behind them, and always one
// owner, even when two are demoted at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/index.ts';
import { manualClock } from '../../src/lib/clock.ts';
import { totpCode } from '../../src/modules/accounts/totp.ts';
import { until } from '../helpers/fixtures.ts';
import { addOrganiser, CookieJar, getPage, hiddenField, PASSWORD, postForm, sessionApi } from '../helpers/accounts.ts';
import { openStream } from '../helpers/event-stream-client.ts';
import { describeEachDatabase, startTestApp, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-03-01T09:00:10Z');
const en = createTranslator('en');

function call(ctx: TestContext, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  return fetch(`${ctx.baseUrl}${path}`, {
    method, redirect: 'manual', body: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function jsonLogin(ctx: TestContext, body: object, headers: Record<string, string> = {}) {
  return call(ctx, 'POST', '/api/v1/session', headers, body);
}

/** Another browser with the same cookies (a form's CSRF cookie), so one login does not sign in the next. */
function copyOf(jar: CookieJar): CookieJar {
  const copy = new CookieJar();
  for (const [name, value] of jar.cookies) copy.cookies.set(name, value);
  return copy;
}

/** Resolves when `promise` does, fails after `ms`. */
function within(promise: Promise<unknown>, ms: number, what: string): Promise<unknown> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: not within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

async function latestAudit(ctx: TestContext, action: string) {
  const items = (await ctx.api('GET', '/api/v1/audit?limit=500')).body.items as Array<{ action: string; ip: string; subject: string }>;
  return items.find((e) => e.action === action);
}

let s = 0;
const storm = () => ({
  title: 'The camps are still there', slug: `hardening-${++s}-${Date.now()}`, starts_at: '2030-03-01T09:00:00Z', ends_at: '2030-03-01T11:00:00Z',
  hashtags: ['StandWithUyghurs'], messages: [{ text: 'Stand with the Uyghurs' }],
});

describeEachDatabase('accounts against someone getting round them', (ctx, dialect) => {
  let viewer: CookieJar;
  beforeAll(async () => {
    viewer = (await addOrganiser(ctx(), `h-viewer-${dialect}@example.org`, 'viewer')).jar;
  }, 60_000);

  it('decides what is the API by the route matched: an encoded or re-cased path gets a 401 or 404, never the data', async () => {
    for (const path of ['/%61pi/v1/people', '/api/%761/people', '/API/v1/people', '/Api/V1/people', '/%61pi/v1/tokens', '/%61pi/v1/audit', '/%61pi/v1/no-such-thing', '/api/v1/%70eople']) {
      const res = await call(ctx(), 'GET', path);
      expect([401, 404], path).toContain(res.status);
    }
    const made = await call(ctx(), 'POST', '/%61pi/v1/tokens', {}, { name: 'back door' });
    expect(made.status).toBe(401);
    expect((await ctx().api('GET', '/api/v1/tokens')).body.items.map((t: { name: string }) => t.name)).not.toContain('back door');
    // a logged-in viewer gets no further by spelling the path differently: the role holds, and CSRF on a change
    expect((await sessionApi(ctx(), viewer, 'GET', '/%61pi/v1/people')).status).toBe(403);
    const csrfless = await sessionApi(ctx(), viewer, 'DELETE', '/%61pi/v1/session', undefined, null);
    expect([csrfless.status, csrfless.body.type]).toEqual([403, '/problems/csrf-failed']);
    // a change through an encoded path is still audited, under its route
    const created = await call(ctx(), 'POST', '/%61pi/v1/storms', bearer(ctx().token), storm());
    expect(created.status).toBe(201);
    // an API change is audited once its answer has gone (onResponse): the entry may land just after it
    const newest = async () => (await ctx().api('GET', '/api/v1/audit?limit=1')).body.items[0] as { action: string } | undefined;
    await until(async () => (await newest())?.action === 'POST /api/v1/storms', 5_000).catch(() => undefined);
    expect(await newest()).toMatchObject({ action: 'POST /api/v1/storms', actor: 'token "test"' });
  });

  it('sends on after login only within this site, however the path is spelled', async () => {
    const email = `h-next-${dialect}@example.org`;
    await addOrganiser(ctx(), email, 'viewer');
    const evil = ['/.//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/%2E%2E//evil.example', '/\\evil.example',
      '/%5Cevil.example', '/%5cevil.example', '/%2F/evil.example', '//evil.example', '/\t/evil.example', 'https://evil.example/', '/%6cogin'];
    const jar = new CookieJar();
    const form = await getPage(ctx().baseUrl, '/login', jar);
    const csrf = hiddenField(form.html, '_csrf');
    for (const next of evil) {
      const res = await postForm(ctx().baseUrl, '/login', copyOf(jar), { _csrf: csrf, next, email, password: PASSWORD });
      expect([res.status, res.headers.get('location')], next).toEqual([303, '/app']);
    }
    const kept = await postForm(ctx().baseUrl, '/login', copyOf(jar), { _csrf: csrf, next: '/app/people?tag=x#top', email, password: PASSWORD });
    expect(kept.headers.get('location')).toBe('/app/people?tag=x#top');
    // the form does not even carry it on
    const page = await getPage(ctx().baseUrl, `/login?next=${encodeURIComponent('/.//evil.example')}`, new CookieJar());
    expect(hiddenField(page.html, 'next')).toBe('/app');
  });

  it('lets a set-password link of a user with a second factor set the password, then asks for the code at /login', async () => {
    const email = `h-reset-${dialect}@example.org`;
    const { id, jar } = await addOrganiser(ctx(), email, 'campaigner');
    const begun = await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp', { password: PASSWORD });
    expect(begun.status).toBe(200);
    const confirmed = await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp/confirm', { code: totpCode(begun.body.secret, clock.now()) });
    expect(confirmed.body).toEqual({ totp_enabled: true });

    // a forgotten password: the owner makes a new link; whoever holds it sets a password, but is not let in
    const path = new URL((await ctx().api('POST', `/api/v1/users/${id}/invite`)).body.invite_url).pathname;
    const browser = new CookieJar();
    const setup = await getPage(ctx().baseUrl, path, browser);
    const newPassword = 'a new passphrase for the spring';
    const done = await postForm(ctx().baseUrl, path, browser, { _csrf: hiddenField(setup.html, '_csrf'), password: newPassword });
    expect([done.status, done.headers.get('location')]).toEqual([303, '/login?password_set=1']);
    expect(browser.cookies.has('oc_session')).toBe(false);
    const login = await getPage(ctx().baseUrl, '/login?password_set=1', browser);
    expect(login.html).toContain(en.text('login.passwordSet'));
    const step1 = await postForm(ctx().baseUrl, '/login', browser, { _csrf: hiddenField(login.html, '_csrf'), email, password: newPassword });
    expect([step1.status, browser.cookies.has('oc_session')]).toEqual([200, false]);
    expect(step1.html).toContain(`<h1>${en.text('login.code.title')}</h1>`);
    // the link did set the password, and the old one's sessions are over
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).status).toBe(401);
  });

  it('begins a second factor only with the current password, so a stolen session cannot lock its owner out', async () => {
    const email = `h-enrol-${dialect}@example.org`;
    const { jar } = await addOrganiser(ctx(), email, 'viewer');
    const none = await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp');
    expect(none.status).toBe(400);
    const wrong = await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp', { password: 'not my password at all' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.invalid_params).toEqual([{ name: 'password', reason: expect.any(String) }]);
    expect((await sessionApi(ctx(), jar, 'GET', '/api/v1/session')).body.user.totp_enabled).toBe(false);
    const right = await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp', { password: PASSWORD });
    expect(right.status).toBe(200);
    expect(right.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    // guessing counts against the login limit of the account: five wrong, then even the right one waits
    for (let i = 0; i < 5; i++) expect((await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp', { password: `guess number ${i}` })).status).toBe(422);
    const limited = await sessionApi(ctx(), jar, 'POST', '/api/v1/session/totp', { password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await latestAudit(ctx(), 'totp.password-failed')).toMatchObject({ subject: expect.stringContaining(email) });
  });

  it('revokes the tokens a user made once they lose the role for them, and all of them when they are removed', async () => {
    await addOrganiser(ctx(), `h-co-owner-${dialect}@example.org`, 'owner'); // so the maker is not the last owner
    const { id, jar } = await addOrganiser(ctx(), `h-maker-${dialect}@example.org`, 'owner');
    const make = async (name: string, role: string) => {
      const res = await sessionApi(ctx(), jar, 'POST', '/api/v1/tokens', { name, role });
      expect(res.status).toBe(201);
      return res.body as { id: number; token: string; created_by: number | null };
    };
    const deploy = await make('deploy script', 'owner');
    const sync = await make('newsletter sync', 'campaigner');
    const screen = await make('wall screen', 'viewer');
    expect([deploy.created_by, sync.created_by, screen.created_by]).toEqual([id, id, id]);
    // a token made by their token is theirs too
    const child = await call(ctx(), 'POST', '/api/v1/tokens', bearer(deploy.token), { name: 'made by the script', role: 'owner' });
    const childToken = (await child.json()) as { id: number; token: string; created_by: number };
    expect(childToken.created_by).toBe(id);
    const listed = (await ctx().api('GET', '/api/v1/tokens')).body.items as Array<{ id: number; created_by: number | null }>;
    expect(listed.find((t) => t.id === deploy.id)?.created_by).toBe(id);

    expect((await ctx().api('PATCH', `/api/v1/users/${id}`, { role: 'campaigner' })).status).toBe(200);
    expect((await call(ctx(), 'GET', '/api/v1/users', bearer(deploy.token))).status).toBe(401);
    expect((await call(ctx(), 'GET', '/api/v1/users', bearer(childToken.token))).status).toBe(401);
    expect((await call(ctx(), 'GET', '/api/v1/people', bearer(sync.token))).status).toBe(200);
    expect((await call(ctx(), 'GET', '/api/v1/storms', bearer(screen.token))).status).toBe(200);
    expect(await latestAudit(ctx(), 'token.revoke')).toMatchObject({ subject: expect.stringContaining(`token #${childToken.id}`) });

    expect((await ctx().api('DELETE', `/api/v1/users/${id}`)).status).toBe(204);
    expect((await call(ctx(), 'GET', '/api/v1/people', bearer(sync.token))).status).toBe(401);
    expect((await call(ctx(), 'GET', '/api/v1/storms', bearer(screen.token))).status).toBe(401);
    // tokens made outside the API (the command line, here the test's own) belong to nobody and stay
    expect((await ctx().api('GET', '/api/v1/tokens')).status).toBe(200);
  });

  it('ends a live stream once the session, the user or the token behind it is gone, and only that one', async () => {
    const { id: stormId } = (await ctx().api('POST', '/api/v1/storms', storm())).body as { id: number };
    const live = `${ctx().baseUrl}/api/v1/storms/${stormId}/live`;
    const watch = async (headers: Record<string, string>) => {
      const stream = await openStream(live, headers);
      expect(stream.status).toBe(200);
      await stream.next(() => true);
      return stream;
    };
    const kept = await watch(bearer(ctx().token));
    try {
      const loggedOut = await addOrganiser(ctx(), `h-watch-a-${dialect}@example.org`, 'viewer');
      const a = await watch({ cookie: loggedOut.jar.header() });
      expect((await sessionApi(ctx(), loggedOut.jar, 'DELETE', '/api/v1/session')).status).toBe(204);
      await within(a.ended, 5_000, 'the stream of a session that logged out');

      const removed = await addOrganiser(ctx(), `h-watch-b-${dialect}@example.org`, 'viewer');
      const b = await watch({ cookie: removed.jar.header() });
      expect((await ctx().api('DELETE', `/api/v1/users/${removed.id}`)).status).toBe(204);
      await within(b.ended, 5_000, 'the stream of a removed user');

      const formOut = await addOrganiser(ctx(), `h-watch-c-${dialect}@example.org`, 'viewer');
      const c = await watch({ cookie: formOut.jar.header() });
      const csrf = (await sessionApi(ctx(), formOut.jar, 'GET', '/api/v1/session')).body.csrf_token as string;
      expect((await postForm(ctx().baseUrl, '/logout', formOut.jar, { _csrf: csrf })).status).toBe(303);
      await within(c.ended, 5_000, 'the stream of a session signed out with the form');

      const token = (await ctx().api('POST', '/api/v1/tokens', { name: 'dashboard screen', role: 'viewer' })).body as { id: number; token: string };
      const d = await watch(bearer(token.token));
      expect((await ctx().api('DELETE', `/api/v1/tokens/${token.id}`)).status).toBe(204);
      await within(d.ended, 5_000, 'the stream of a revoked token');
      // it does not come back
      expect((await openStream(live, bearer(token.token))).status).toBe(401);

      // the stream whose token is still good goes on
      const ended = await Promise.race([kept.ended.then(() => true), new Promise((r) => setTimeout(() => r(false), 300))]);
      expect(ended).toBe(false);
    } finally {
      kept.close();
    }
  });
}, () => ({ clock }));

describeEachDatabase('the last owner', (ctx) => {
  it('stays an owner when two owners are demoted, or removed, at the same moment', async () => {
    const a = await addOrganiser(ctx(), 'first-owner@example.org', 'owner');
    const b = await addOrganiser(ctx(), 'second-owner@example.org', 'owner');
    const owners = async () => ((await ctx().api('GET', '/api/v1/users')).body.items as Array<{ id: number; role: string }>).filter((u) => u.role === 'owner').map((u) => u.id);
    for (let round = 0; round < 6; round++) {
      const results = await Promise.all([a.id, b.id].map((id) => call(ctx(), 'PATCH', `/api/v1/users/${id}`, bearer(ctx().token), { role: 'campaigner' })));
      expect(results.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      const left = await owners();
      expect(left).toHaveLength(1);
      const demoted = left[0] === a.id ? b.id : a.id;
      expect((await ctx().api('PATCH', `/api/v1/users/${demoted}`, { role: 'owner' })).status).toBe(200);
    }
    const removals = await Promise.all([a.id, b.id].map((id) => call(ctx(), 'DELETE', `/api/v1/users/${id}`, bearer(ctx().token))));
    expect(removals.map((r) => r.status).sort()).toEqual([204, 409]);
    expect(await owners()).toHaveLength(1);
  });
});

describeEachDatabase('client addresses, with no proxy trusted (the default)', (ctx) => {
  it('counts a client by the address it connects from, whatever X-Forwarded-For it sends', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await jsonLogin(ctx(), { email: `guess-${i}@example.org`, password: 'wrong password' }, { 'x-forwarded-for': `198.51.100.${i + 1}` });
      expect(res.status).toBe(401);
    }
    const refused = await jsonLogin(ctx(), { email: 'one-more@example.org', password: 'wrong password' }, { 'x-forwarded-for': '198.51.100.200' });
    expect(refused.status).toBe(429);
    expect(await latestAudit(ctx(), 'login.failed')).toMatchObject({ ip: '127.0.0.1' });
  });
});

describeEachDatabase('client addresses behind one proxy (TRUST_PROXY=1)', (ctx) => {
  it('takes the address the proxy added, the last in X-Forwarded-For, not the one the client wrote', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await jsonLogin(ctx(), { email: `guess-${i}@example.org`, password: 'wrong password' }, { 'x-forwarded-for': `10.0.0.${i + 1}, 203.0.113.7` });
      expect(res.status).toBe(401);
    }
    const refused = await jsonLogin(ctx(), { email: 'one-more@example.org', password: 'wrong password' }, { 'x-forwarded-for': '192.0.2.99, 203.0.113.7' });
    expect(refused.status).toBe(429);
    // another client of the proxy is not held back
    const other = await jsonLogin(ctx(), { email: 'one-more@example.org', password: 'wrong password' }, { 'x-forwarded-for': '203.0.113.7, 203.0.113.8' });
    expect(other.status).toBe(401);
    expect(await latestAudit(ctx(), 'login.failed')).toMatchObject({ ip: '203.0.113.8' });
  });
}, { env: { TRUST_PROXY: '1' } });

describe('the login form behind https', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp('sqlite', { env: { PUBLIC_URL: 'https://outcry.example.org' }, worker: false });
  }, 60_000);
  afterAll(async () => app?.stop());

  it('binds its CSRF token to a Secure, __Host- prefixed cookie', async () => {
    await addOrganiser(app, 'tls-form@example.org', 'viewer');
    const jar = new CookieJar();
    const form = await getPage(app.baseUrl, '/login', jar);
    expect(jar.lastSetCookies).toEqual([expect.stringMatching(/^__Host-oc_form=[A-Za-z0-9_-]{22}; Path=\/; HttpOnly; Secure; SameSite=Lax$/)]);
    const csrf = hiddenField(form.html, '_csrf');
    // the same value under the unprefixed name, as a sibling domain or plain http could set it, is not enough
    const unprefixed = new CookieJar();
    unprefixed.cookies.set('oc_form', jar.cookies.get('__Host-oc_form')!);
    expect((await postForm(app.baseUrl, '/login', unprefixed, { _csrf: csrf, email: 'tls-form@example.org', password: PASSWORD })).status).toBe(403);
    const res = await postForm(app.baseUrl, '/login', jar, { _csrf: csrf, email: 'tls-form@example.org', password: PASSWORD });
    expect([res.status, res.headers.get('location')]).toEqual([303, '/app']);
    expect(jar.cookies.has('__Host-oc_session')).toBe(true);
  });
});
