// The one reader of process.env. Every key is documented in README.md and .env.example.
import { resolve } from 'node:path';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Folder of the embedded SQLite database (ignored when databaseUrl is set). */
  readonly dataDir: string;
  /** postgres://… to run on PostgreSQL; undefined for embedded SQLite. */
  readonly databaseUrl: string | undefined;
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
    publicUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Outcry <outcry@localhost>',
    orgName: env.ORG_NAME || 'Outcry',
    smtpConnections: intFrom(env, 'SMTP_CONNECTIONS', 5),
    secret: env.OUTCRY_SECRET || undefined,
    logLevel: env.LOG_LEVEL || 'info',
  });
}

function intFrom(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${key} must be a whole number (got "${raw}")`);
  return n;
}
