// A fresh database per test suite: a temporary SQLite folder, or a new PostgreSQL database
// on the server in OUTCRY_TEST_PG_URL (dropped afterwards).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export type DialectName = 'sqlite' | 'postgres';

export const pgUrl = process.env.OUTCRY_TEST_PG_URL || undefined;

export const dialects: DialectName[] = ['sqlite', 'postgres'];

export function skipReason(dialect: DialectName): string | undefined {
  if (dialect === 'postgres' && !pgUrl) {
    if (process.env.CI) throw new Error('CI must run the PostgreSQL suite: OUTCRY_TEST_PG_URL is not set');
    return 'SKIPPED: OUTCRY_TEST_PG_URL is not set, so the PostgreSQL run of this suite did not happen';
  }
  return undefined;
}

export interface TestDatabase {
  dataDir: string;
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outcry-test-'));
  if (dialect === 'sqlite') {
    return { dataDir, databaseUrl: undefined, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `outcry_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
