// Starts the real system (HTTP app, worker, database) for a test, and talks to its API with a real token.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe } from 'vitest';
import { readBounceConfig, type BounceConfigOverrides } from '../../src/config/bounce-config.ts';
import { readConfig } from '../../src/config/config.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { createApiToken } from '../../src/modules/accounts/index.ts';
import { createRuntime, type WebRuntime } from '../../src/runtime.ts';
import { createTestDatabase, dialects, skipReason, type DialectName, type TestDatabase } from './databases.ts';

export interface TestContext {
  dialect: DialectName;
  runtime: WebRuntime;
  /** The real port the server listens on (127.0.0.1). */
  baseUrl: string;
  token: string;
  /** Calls the API with the test's bearer token; JSON in, parsed JSON out. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  worker?: boolean;
  /** What tests alone may change in the bounce config (where SNS certificates may come from). */
  bounce?: BounceConfigOverrides;
}

export async function startTestApp(dialect: DialectName, options: TestAppOptions = {}): Promise<TestContext & { database: TestDatabase; stop(): Promise<void> }> {
  const database = await createTestDatabase(dialect);
  const port = await freePort();
  const config = readConfig({
    PORT: String(port),
    LOG_LEVEL: 'warn',
    OUTCRY_DATA: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // tests never read Bluesky or Mastodon on the internet; a suite that polls points at its fakes
    PUBLIC_POSTS_POLL_SECONDS: '0',
    ...options.env,
  });
  const bounce = readBounceConfig(options.env ?? {}, options.bounce);
  const runtime = await createRuntime(config, { web: true, worker: options.worker ?? true, clock: options.clock, logger: false, bounce });
  await runtime.app.listen({ port, host: '127.0.0.1' });
  const { token } = await createApiToken(runtime.deps, 'test');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    dialect,
    runtime,
    baseUrl,
    token,
    database,
    async api(method, path, body, headers = {}) {
      const res = await runtime.app.inject({
        method: method as 'GET',
        url: path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const type = String(res.headers['content-type'] ?? '');
      return { status: res.statusCode, body: type.includes('json') ? res.json() : res.body, headers: res.headers };
    },
    async stop() {
      await runtime.close();
      await database.drop();
    },
  };
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs a suite once per database. The PostgreSQL run needs OUTCRY_TEST_PG_URL; without it the suite says
 * loudly that it was skipped (and in CI, fails).
 */
export function describeEachDatabase(title: string, suite: (ctx: () => TestContext, dialect: DialectName) => void, options: TestAppOptions | (() => TestAppOptions) = {}) {
  for (const dialect of dialects) {
    const reason = skipReason(dialect);
    if (reason) {
      describe.skip(`${title} [${dialect}] — ${reason}`, () => suite(() => { throw new Error(reason); }, dialect));
      console.warn(`\n*** ${title} [${dialect}]: ${reason} ***\n`);
      continue;
    }
    describe(`${title} [${dialect}]`, () => {
      let ctx: Awaited<ReturnType<typeof startTestApp>>;
      beforeAll(async () => {
        ctx = await startTestApp(dialect, typeof options === 'function' ? options() : options);
      }, 60_000);
      afterAll(async () => {
        await ctx?.stop();
      }, 60_000);
      suite(() => ctx, dialect);
    });
  }
}
