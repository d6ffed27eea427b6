// DATABASE_STATEMENT_TIMEOUT_MS reaches every pooled PostgreSQL connection: a runaway query is cancelled
// by the server after it instead of holding a connection, and the pool goes on serving requests. Migrations
// are exempt (an index on a large installation takes minutes), and their connection gets its time-out back.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { createTestDatabase, skipReason } from '../helpers/databases.ts';
import { startTestApp } from '../helpers/test-app.ts';

const reason = skipReason('postgres');
if (reason) console.warn(`\n*** the statement time-out [postgres]: ${reason} ***\n`);

(reason ? describe.skip : describe)(`the statement time-out [postgres]${reason ? ` — ${reason}` : ''}`, () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp('postgres', { worker: false, env: { DATABASE_STATEMENT_TIMEOUT_MS: '250' } });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  }, 60_000);

  it('is set on the pool\'s connections from DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    const { rows } = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(app.runtime.deps.db);
    expect(rows[0]!.statement_timeout).toBe('250ms');
  });

  it('cancels a statement that runs longer, and the pool goes on serving', async () => {
    await expect(sql`select pg_sleep(1)`.execute(app.runtime.deps.db)).rejects.toThrow(/statement timeout/);
    expect((await app.api('GET', '/api/v1/people?limit=1')).status).toBe(200);
  });

  it('does not apply to migrations, and their connection gets it back afterwards', async () => {
    const database = await createTestDatabase('postgres');
    // one connection, 1 ms: every migration's statements would be cancelled if it applied
    const db = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 1, statementTimeoutMs: 1 });
    try {
      expect(await migrateToLatest(db)).toContain('0010_scale_indexes');
      const { rows } = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db);
      expect(rows[0]!.statement_timeout).toBe('1ms');
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
});
