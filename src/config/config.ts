// The one reader of process.env. Every key is documented in README.md and .env.example.
import { resolve } from 'node:path';
import { trustProxyFrom, type TrustProxy } from './trust-proxy.ts';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Folder of the embedded SQLite database (ignored when databaseUrl is set). */
  readonly dataDir: string;
  /** postgres://… to run on PostgreSQL; undefined for embedded SQLite. */
  readonly databaseUrl: string | undefined;
  /** PostgreSQL connections each process keeps for its queries (job queues and notifications have their own few). */
  readonly databasePoolSize: number;
  /** PostgreSQL cancels any statement running longer (a runaway query must not hold a connection for ever); 0: no limit. */
  readonly databaseStatementTimeoutMs: number;
  /** Base of every link in an email and on public pages, without a trailing slash. */
  readonly publicUrl: string;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly orgName: string;
  /** SMTP connections kept open while sending. */
  readonly smtpConnections: number;
  /** Secret for signed links; when unset one is generated and kept in the database. */
  readonly secret: string | undefined;
  readonly logLevel: string;
  /** First wait after a temporary failure; each next wait doubles (with jitter), up to an hour. */
  readonly retryMinMs: number;
  /** How long after the first attempt a temporarily failing recipient is still retried. */
  readonly retryLifetimeMs: number;
  /** Most messages handed to the relay per second and per hour (0: no limit): a relay's or provider's limits. */
  readonly sendPerSecond: number;
  readonly sendPerHour: number;
  /** How long a worker holds the recipients it claimed; after a crash they fall due again when it ends. */
  readonly sendLeaseMs: number;
  /** How many workers may send one message at once, each taking batches of its recipients. */
  readonly sendParallel: number;
  /** How long a stopping process waits for running jobs before it hands them back. */
  readonly shutdownTimeoutMs: number;
  /** DKIM: a folder of private keys named <domain>.pem, one per sender domain, and their selector. */
  readonly dkimKeysDir: string | undefined;
  readonly dkimSelector: string;
  /** The Bluesky AppView whose public post search finds a storm's posts. */
  readonly blueskyAppviewUrl: string;
  /** How often a live storm's public posts are looked for on Bluesky and Mastodon; 0: never. */
  readonly publicPostsPollMs: number;
  /** Reminder requests one address (IP) may make on storm pages in an hour. */
  readonly reminderRequestsPerHour: number;
  /** Most live streams (/s/:slug/live and the dashboard's) one process holds open; beyond, 503. */
  readonly liveMaxStreams: number;
  /** Which X-Forwarded-For entries to believe for the client's address (see trust-proxy.ts); false: none. */
  readonly trustProxy: TrustProxy;
}

export interface ConfigOverrides {
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const port = overrides.port ?? intFrom(env, 'PORT', 3000);
  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with postgres:// (got "${databaseUrl.split(':')[0]}:…")`);
  }
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL is not a URL: "${publicUrl}"`);
  }
  return Object.freeze({
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(overrides.dataDir ?? (env.OUTCRY_DATA || 'outcry-data')),
    databaseUrl,
    databasePoolSize: Math.max(1, intFrom(env, 'DATABASE_POOL_SIZE', 10)),
    databaseStatementTimeoutMs: intFrom(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 30_000),
    publicUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Outcry <outcry@localhost>',
    orgName: env.ORG_NAME || 'Outcry',
    smtpConnections: intFrom(env, 'SMTP_CONNECTIONS', 5),
    secret: env.OUTCRY_SECRET || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    retryMinMs: intFrom(env, 'OUTCRY_RETRY_MIN_MS', 60_000),
    retryLifetimeMs: intFrom(env, 'OUTCRY_RETRY_LIFETIME_HOURS', 72) * 3_600_000,
    sendPerSecond: intFrom(env, 'SEND_PER_SECOND', 0),
    sendPerHour: intFrom(env, 'SEND_PER_HOUR', 0),
    sendLeaseMs: intFrom(env, 'OUTCRY_SEND_LEASE_MS', 5 * 60_000),
    // on the embedded database one process sends; on PostgreSQL any worker may take a share
    sendParallel: Math.max(1, intFrom(env, 'OUTCRY_SEND_PARALLEL', databaseUrl ? 4 : 1)),
    shutdownTimeoutMs: intFrom(env, 'OUTCRY_SHUTDOWN_TIMEOUT_SECONDS', 30) * 1000,
    dkimKeysDir: env.DKIM_KEYS_DIR ? resolve(env.DKIM_KEYS_DIR) : undefined,
    dkimSelector: env.DKIM_SELECTOR || 'outcry',
    blueskyAppviewUrl: (env.BLUESKY_APPVIEW_URL || 'https://public.api.bsky.app').replace(/\/+$/, ''),
    publicPostsPollMs: intFrom(env, 'PUBLIC_POSTS_POLL_SECONDS', 60) * 1000,
    reminderRequestsPerHour: intFrom(env, 'REMINDER_REQUESTS_PER_HOUR', 10),
    liveMaxStreams: intFrom(env, 'OUTCRY_LIVE_MAX_STREAMS', 10_000),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
  });
}

/** A whole number from the environment, or the fallback when unset; anything else is a clear error. */
export function intFrom(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${key} must be a whole number (got "${raw}")`);
  return n;
}
