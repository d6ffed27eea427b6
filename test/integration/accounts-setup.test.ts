// Getting in for the first time: `outcry start` prints a one-time link while there is no owner; the link
// opens a page (no script needed) that creates the owner, signs them in and leads to the web app. It
// works once, and not after 24 hours; once there is an owner, no set-up link works any more.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/index.ts';
import { manualClock } from '../../src/lib/clock.ts';
import { issueSetupLink } from '../../src/modules/accounts/index.ts';
import { CookieJar, getPage, hiddenField, PASSWORD, postForm, sessionApi } from '../helpers/accounts.ts';
import { freePort, describeEachDatabase } from '../helpers/test-app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const clock = manualClock('2030-03-01T09:00:00Z');
const en = createTranslator('en');

describe('outcry start without an owner', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outcry-setup-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a one-time set-up link to a page that asks for the owner\'s account', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [`${ROOT}bin/outcry.js`, 'start', '--web-only', '--data', dataDir, '--port', String(port)], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PUBLIC_URL: url, LOG_LEVEL: 'warn', HOST: '127.0.0.1', DATABASE_URL: '' },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    try {
      const link = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no set-up link printed: ${output}`)), 30_000);
        const look = () => {
          const m = new RegExp(`${url}/setup/[A-Za-z0-9_-]{43}`).exec(output);
          if (m) { clearTimeout(timer); resolve(m[0]); }
        };
        child.stdout.on('data', look);
        child.once('exit', (code) => reject(new Error(`outcry exited with ${code}: ${output}`)));
      });
      const page = await getPage(url, new URL(link).pathname, new CookieJar());
      expect(page.status).toBe(200);
      expect(page.html).toContain(`<h1>${en.text('setup.title')}</h1>`);
      expect(page.html).toContain('autocomplete="new-password"');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});

describeEachDatabase('the set-up link', (ctx) => {
  const setupPath = async () => new URL((await issueSetupLink(ctx().runtime.deps)).url).pathname;

  it('stops working after 24 hours', async () => {
    clock.set('2030-03-01T09:00:00Z');
    const path = await setupPath();
    clock.advance(24 * 3_600_000 + 60_000);
    const page = await getPage(ctx().baseUrl, path, new CookieJar());
    expect(page.status).toBe(404);
    expect(page.html).toContain(en.text('error.account-link-invalid.title'));
    clock.set('2030-03-01T09:00:00Z');
  });

  it('refuses a token of the wrong shape before looking it up', async () => {
    const page = await getPage(ctx().baseUrl, '/setup/not-a-token', new CookieJar());
    expect(page.status).toBe(404);
  });

  it('says what is wrong with each field, in the page\'s language, and keeps what was typed', async () => {
    const path = await setupPath();
    const jar = new CookieJar();
    const tr = createTranslator('tr');
    const form = await getPage(ctx().baseUrl, `${path}?lang=tr`, jar);
    expect(form.html).toContain(`<h1>${tr.text('setup.title')}</h1>`);
    const res = await postForm(ctx().baseUrl, path, jar, { _csrf: hiddenField(form.html, '_csrf'), name: 'Rahima', email: 'not an address', password: 'short' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('<html lang="tr" dir="ltr">');
    expect(res.html).toContain(tr.text('setup.error.email'));
    expect(res.html).toContain(tr.text('setup.error.passwordShort', { min: 12 }));
    expect(res.html).toMatch(/<input type="email" id="f-email" name="email" autocomplete="email" required value="not an address" dir="ltr" maxlength="320" aria-describedby="f-email-error" aria-invalid="true">/);
    expect(res.html).toContain('value="Rahima"');
    const common = await postForm(ctx().baseUrl, path, jar, { _csrf: hiddenField(form.html, '_csrf'), name: 'Rahima', email: 'r@example.org', password: 'Password1234' });
    expect(common.status).toBe(422);
    expect(common.html).toContain(tr.text('setup.error.passwordCommon'));
  });

  it('refuses a post without the form\'s CSRF token', async () => {
    const path = await setupPath();
    const jar = new CookieJar();
    await getPage(ctx().baseUrl, path, jar);
    const res = await postForm(ctx().baseUrl, path, jar, { _csrf: 'forged', name: 'Mallory', email: 'm@example.org', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.html).toContain(en.text('error.csrf-failed.title'));
    // another browser's token with this browser's cookie is no better
    const other = new CookieJar();
    const otherForm = await getPage(ctx().baseUrl, path, other);
    const mixed = await postForm(ctx().baseUrl, path, jar, { _csrf: hiddenField(otherForm.html, '_csrf'), name: 'Mallory', email: 'm@example.org', password: PASSWORD });
    expect(mixed.status).toBe(403);
  });

  it('creates the owner once, signs them in with a safe cookie and leads to the web app', async () => {
    const path = await setupPath();
    const spare = await setupPath();
    const jar = new CookieJar();
    const form = await getPage(ctx().baseUrl, path, jar);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const res = await postForm(ctx().baseUrl, path, jar, { _csrf: hiddenField(form.html, '_csrf'), name: 'Rahima Mahmut', email: ' Owner@Example.org ', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app');
    const cookie = jar.lastSetCookies.find((c) => c.startsWith('oc_session='))!;
    expect(cookie).toMatch(/^oc_session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);

    const session = await sessionApi(ctx(), jar, 'GET', '/api/v1/session');
    expect(session.status).toBe(200);
    expect(session.body.user).toEqual({ id: expect.any(Number), name: 'Rahima Mahmut', email: 'owner@example.org', role: 'owner', totp_enabled: false });
    expect(session.body.csrf_token).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // used: the link and every other set-up link are spent
    for (const p of [path, spare]) {
      const again = await getPage(ctx().baseUrl, p, new CookieJar());
      expect(again.status).toBe(404);
    }
    const replay = await postForm(ctx().baseUrl, path, jar, { _csrf: hiddenField(form.html, '_csrf'), name: 'Second', email: 'second@example.org', password: PASSWORD });
    expect(replay.status).toBe(404);
    await expect(issueSetupLink(ctx().runtime.deps)).rejects.toThrow('An owner exists already');

    const users = await ctx().api('GET', '/api/v1/users');
    expect(users.body.items.map((u: { email: string; role: string; status: string }) => [u.email, u.role, u.status])).toEqual([['owner@example.org', 'owner', 'active']]);
    const audit = await ctx().api('GET', '/api/v1/audit?limit=5');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['login', 'account.setup']);
    expect(audit.body.items[1]).toMatchObject({ actor: 'Rahima Mahmut <owner@example.org>', actor_type: 'user', ip: '127.0.0.1' });
  });
}, () => ({ clock }));
