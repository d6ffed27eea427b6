// The organiser's app stays light: everything /app loads (its modules, the libraries, the stylesheet),
// gzip-compressed, adds up to at most 200 KB. And each of those files is served as the page names it.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganiser, type CookieJar } from '../helpers/accounts.ts';
import { startTestApp } from '../helpers/test-app.ts';

const BUDGET = 200 * 1024;

describe('the app\'s weight', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let jar: CookieJar;
  beforeAll(async () => {
    app = await startTestApp('sqlite', { worker: false });
    ({ jar } = await addOrganiser(app, 'viewer@example.org', 'viewer'));
  });
  afterAll(async () => app?.stop());

  it('loads at most 200 KB of JavaScript and CSS, gzip-compressed', async () => {
    const page = await fetch(`${app.baseUrl}/app`, { headers: { cookie: jar.header() } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const importMap = JSON.parse(/<script type="importmap">([^<]*)<\/script>/.exec(html)![1]!) as { imports: Record<string, string> };
    const named = [...html.matchAll(/(?:href|src)="(\/app\/[^"]+\?v=[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const urls = [...new Set([...named, ...Object.values(importMap.imports)])];
    // the stylesheet, the entry, preact, htm and intl-messageformat at least
    expect(urls.length).toBeGreaterThan(20);
    expect(urls.some((u) => u.includes('preact.mjs'))).toBe(true);
    expect(urls.some((u) => u.endsWith('.css') || u.includes('.css?'))).toBe(true);

    let total = 0;
    const sizes: Record<string, number> = {};
    for (const url of urls) {
      const res = await fetch(`${app.baseUrl}${url}`);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toContain('immutable');
      expect(res.headers.get('content-type'), url).toMatch(/^(text\/javascript|text\/css)/);
      const body = Buffer.from(await res.arrayBuffer());
      sizes[url.split('?')[0]!] = gzipSync(body, { level: 9 }).length;
      total += sizes[url.split('?')[0]!]!;
    }
    console.log(`the app loads ${urls.length} files, ${(total / 1024).toFixed(1)} KB gzip-compressed (budget 200 KB)`);
    expect(total).toBeLessThanOrEqual(BUDGET);
  });

  it('serves its TypeScript as JavaScript, types stripped, and refuses a file it does not have', async () => {
    const res = await fetch(`${app.baseUrl}/app/lib/api.ts`);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const code = await res.text();
    expect(code).toContain('export async function api');
    expect(code).not.toMatch(/:\s*Promise<T>/);
    expect((await fetch(`${app.baseUrl}/app/nothing.ts`)).status).toBe(404);
  });

  it('sends a browser without a session to the login page', async () => {
    const res = await fetch(`${app.baseUrl}/app/storms/1`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/app/storms/1')}`);
  });

  it('allows its one inline script (the import map) by hash, and no other', async () => {
    const res = await fetch(`${app.baseUrl}/app/supporters`, { headers: { cookie: jar.header() } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
