// Getting in as a browser does, for the account tests: a small cookie jar, forms read for their CSRF
// field and posted back, and organisers made the real way (invited through the API, then choosing a
// password through their one-time link, which signs them in).
import { expect } from 'vitest';
import type { TestContext } from './test-app.ts';

export class CookieJar {
  readonly cookies = new Map<string, string>();
  /** The Set-Cookie lines of the last response, as sent. */
  lastSetCookies: string[] = [];

  take(res: Response): void {
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface Page {
  status: number;
  html: string;
  headers: Headers;
}

export async function getPage(baseUrl: string, path: string, jar: CookieJar, headers: Record<string, string> = {}): Promise<Page> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { accept: 'text/html', cookie: jar.header(), ...headers }, redirect: 'manual' });
  jar.take(res);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

export async function postForm(baseUrl: string, path: string, jar: CookieJar, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header(), ...headers },
  });
  jar.take(res);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** The value of a form's hidden field. */
export function hiddenField(html: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!m) throw new Error(`no hidden field ${name} on the page`);
  return m[1]!.replace(/&amp;/g, '&');
}

export const PASSWORD = 'lanterns drift over quiet rivers';

/** Signs in through the login form; returns the jar holding the session cookie. */
export async function logInWithForm(baseUrl: string, email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<{ jar: CookieJar; res: Page }> {
  const jar = new CookieJar();
  const form = await getPage(baseUrl, '/login', jar, headers);
  const res = await postForm(baseUrl, '/login', jar, { _csrf: hiddenField(form.html, '_csrf'), email, password }, headers);
  return { jar, res };
}

/** Invites an organiser with the owner's bearer token and has them choose a password; they are then signed in. */
export async function addOrganiser(ctx: TestContext, email: string, role: 'owner' | 'campaigner' | 'viewer', password = PASSWORD): Promise<{ id: number; jar: CookieJar }> {
  const invited = await ctx.api('POST', '/api/v1/users', { name: `${role} ${email.split('@')[0]}`, email, role });
  expect(invited.status).toBe(201);
  const path = new URL(invited.body.invite_url as string).pathname;
  const jar = new CookieJar();
  const page = await getPage(ctx.baseUrl, path, jar);
  expect(page.status).toBe(200);
  const done = await postForm(ctx.baseUrl, path, jar, { _csrf: hiddenField(page.html, '_csrf'), password });
  expect(done.status).toBe(303);
  return { id: invited.body.user.id as number, jar };
}

/** Calls the API with a session cookie (and the session's CSRF token on changes, unless told otherwise). */
export async function sessionApi(ctx: TestContext, jar: CookieJar, method: string, path: string, body?: unknown, csrf?: string | null) {
  const headers: Record<string, string> = { cookie: jar.header() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf !== null) {
    const token = csrf ?? (await sessionApi(ctx, jar, 'GET', '/api/v1/session')).body.csrf_token;
    headers['x-csrf-token'] = token;
  }
  const res = await fetch(`${ctx.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
  jar.take(res);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: type.includes('json') ? await res.json() : await res.text() };
}
