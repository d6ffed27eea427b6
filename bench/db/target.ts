// The database the bench builds and times: a new PostgreSQL database outcry_bench_<pid> on the server in
// DATABASE_URL (or OUTCRY_TEST_PG_URL), or an embedded SQLite folder; or one kept by an earlier --keep.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface Target {
  dialect: 'postgres' | 'sqlite';
  databaseUrl: string | undefined;
  dataDir: string;
  /** What to pass to --reuse to time it again. */
  name: string;
  drop(): Promise<void>;
}

export async function openTarget(options: { sqlite: boolean; reuse: string | undefined }): Promise<Target> {
  if (options.sqlite) {
    const dataDir = options.reuse ?? mkdtempSync(join(tmpdir(), 'outcry-bench-db-'));
    if (!existsSync(dataDir)) throw new Error(`--reuse: no folder ${dataDir}`);
    return { dialect: 'sqlite', databaseUrl: undefined, dataDir, name: dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const server = process.env.DATABASE_URL || process.env.OUTCRY_TEST_PG_URL;
  if (!server) throw new Error('set DATABASE_URL or OUTCRY_TEST_PG_URL to a PostgreSQL server (postgres://user@host/db), or pass --sqlite');
  const name = options.reuse ?? `outcry_bench_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--reuse: "${name}" is not a database name this bench makes`);
  if (!options.reuse) await admin(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    databaseUrl: url.toString(),
    // unused on PostgreSQL (nothing is written there), but the config always names one
    dataDir: join(tmpdir(), 'outcry-bench-db-unused'),
    name,
    drop: () => admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
