// A bulk load's usual trick on PostgreSQL: drop a table's secondary indexes and constraints, load, and make
// them again — one sorted build each instead of millions of scattered inserts. What is made again is read
// from the catalogue first (pg_get_indexdef / pg_get_constraintdef), so the schema ends exactly as the
// migrations left it, new indexes included. Primary keys stay: ids only grow, so they are cheap to keep.
import { sql } from 'kysely';
import type { Db } from '../../src/db/schema.ts';
import { run } from './bulk-sql.ts';

interface Dropped { drop: string; create: string }

export async function withIndexesDeferred<T>(db: Db, tables: string[], log: (line: string) => void, load: () => Promise<T>): Promise<T> {
  const list = sql.join(tables.map((t) => sql.lit(t)));
  const indexes = await sql<{ name: string; def: string }>`
    SELECT ci.relname AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ci ON ci.oid = i.indexrelid
    WHERE c.relname IN (${list}) AND c.relnamespace = 'public'::regnamespace AND NOT i.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`.execute(db);
  // unique constraints before foreign keys when made again; dropped the other way round
  const constraints = await sql<{ name: string; table: string; def: string }>`
    SELECT k.conname AS name, c.relname AS table, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    WHERE c.relname IN (${list}) AND c.relnamespace = 'public'::regnamespace AND k.contype IN ('u', 'f')
    ORDER BY k.contype DESC, k.conname`.execute(db);
  const dropped: Dropped[] = [
    ...constraints.rows.map((k) => ({ drop: `ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name}`, create: `ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.def}` })),
    ...indexes.rows.map((i) => ({ drop: `DROP INDEX ${i.name}`, create: i.def })),
  ];
  for (const d of [...dropped].reverse()) await run(db, d.drop);
  try {
    return await load();
  } finally {
    log(`  indexes and constraints (${dropped.length})…`);
    await run(db, `SET maintenance_work_mem = '512MB'`);
    for (const d of dropped) {
      const start = performance.now();
      await run(db, d.create);
      if (performance.now() - start > 5000) log(`    ${d.create.slice(0, 110)} (${((performance.now() - start) / 1000).toFixed(0)} s)`);
    }
  }
}
