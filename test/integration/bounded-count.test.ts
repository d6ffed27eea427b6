// A count with a time budget (the supporter list's total at a million people): exact when PostgreSQL
// finishes in time; otherwise the planner's estimate, said to be one, and the connection goes back to the
// pool with its usual statement time-out. The embedded database always counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countWithinBudget } from '../../src/db/bounded-count.ts';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import type { Db } from '../../src/db/schema.ts';
import { createTestDatabase, skipReason, type TestDatabase } from '../helpers/databases.ts';
import { addSupporters } from '../helpers/fixtures.ts';

const reason = skipReason('postgres');
if (reason) console.warn(`\n*** a count within a time budget [postgres]: ${reason} ***\n`);

const three = Array.from({ length: 3 }, (_, i) => ({ email: `count-${i}@example.org` }));

(reason ? describe.skip : describe)(`a count within a time budget [postgres]${reason ? ` — ${reason}` : ''}`, () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    // one connection: what a cancelled count leaves behind is what the next query gets
    db = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 1 });
    await migrateToLatest(db);
    await addSupporters(db, three);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  // pg_sleep per row makes the count take 3 × 40 ms, whatever the machine
  const slow = () => db.selectFrom('people').select('id').where(sql<boolean>`pg_sleep(0.04) is not null`);

  it('counts exactly when the count fits in the budget', async () => {
    expect(await countWithinBudget(db, slow(), 5_000)).toEqual({ count: 3, estimated: false });
  });

  it('answers the planner\'s estimate, marked, when it does not, and the connection keeps its own time-out', async () => {
    const counted = await countWithinBudget(db, slow(), 30);
    expect(counted.estimated).toBe(true);
    expect(Number.isInteger(counted.count) && counted.count >= 0).toBe(true);
    const { rows } = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db);
    expect(rows[0]!.statement_timeout).toBe('30s');
  });
});

describe('a count within a time budget [sqlite]', () => {
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'outcry-count-'));
    db = openDatabase({ dataDir: dir });
    await migrateToLatest(db);
    await addSupporters(db, three);
  });

  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('always counts exactly: the embedded database has no statement time-out to run into', async () => {
    expect(await countWithinBudget(db, db.selectFrom('people').select('id'), 0)).toEqual({ count: 3, estimated: false });
  });
});
