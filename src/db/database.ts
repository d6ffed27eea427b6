// Opens the database: embedded SQLite (WAL) in the data folder, or PostgreSQL when DATABASE_URL is set.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import { isPostgres } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import type { Database, Db } from './schema.ts';
import { openSqliteWithWriteThread } from './write-thread.ts';

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL connections in the pool (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** The longest a PostgreSQL statement may run before the server cancels it (DATABASE_STATEMENT_TIMEOUT_MS); 0: no limit. */
  statementTimeoutMs?: number;
  /** Told when an idle PostgreSQL connection fails (it is dropped and replaced). */
  onIdleError?: (err: Error) => void;
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v); // int8: counts and sums, well below 2^53
    if (oid === 1184 || oid === 1114) return (v: string) => new Date(v).toISOString();
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** The longest a PostgreSQL statement may run before the server cancels it, unless told otherwise. */
export const STATEMENT_TIMEOUT_MS = 30_000;

export function openDatabase(options: DatabaseOptions): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: pgTypes,
      statement_timeout: options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS,
    });
    // an idle connection the server closed (a restart, a fail-over) is dropped from the pool and replaced
    // on the next query; without a listener its error would end the process
    pool.on('error', (err) => options.onIdleError?.(err));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  mkdirSync(options.dataDir, { recursive: true });
  return openSqliteWithWriteThread(join(options.dataDir, 'outcry.db'));
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // building an index on a large installation takes longer than any query may: no time-out while migrating,
  // on the one connection the migrations run on, which then goes back to the pool with its own
  const { error, results } = await db.connection().execute(async (conn) => {
    if (isPostgres(conn)) await sql`set statement_timeout = 0`.execute(conn);
    try {
      return await new Migrator({ db: conn, provider }).migrateToLatest();
    } finally {
      if (isPostgres(conn)) await sql`reset statement_timeout`.execute(conn);
    }
  });
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations this code has that the database has not applied (empty when it is up to date). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const known = await new Migrator({ db, provider }).getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Resolves when the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
