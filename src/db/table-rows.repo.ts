// Reading and writing whole tables, whatever they are, in primary-key order and in batches: what
// copying an installation from one database to another needs.
import { sql, type Kysely } from 'kysely';
import type { TableInfo } from './catalog.repo.ts';
import { bytewise } from './dialect.ts';

export type Row = Record<string, unknown>;

const TEXT_TYPES = new Set(['text', 'character varying', 'character']);

/** The next `limit` rows after the key `after` (from the start when undefined), by primary key. */
export async function readRowsAfter(db: Kysely<any>, table: TableInfo, after: unknown[] | undefined, limit: number): Promise<Row[]> {
  const keyColumns = table.key.map((name) => {
    const text = TEXT_TYPES.has(table.columns.find((c) => c.name === name)?.type ?? '');
    // text keys sort byte by byte on both databases, so both read (and checksum) rows in one order
    return text ? bytewise(db, name) : sql.ref(name);
  });
  let query = db.selectFrom(table.name).select(table.columns.map((c) => c.name));
  if (after) query = query.where(sql<boolean>`(${sql.join(keyColumns)}) > (${sql.join(after)})`);
  for (const k of keyColumns) query = query.orderBy(k);
  return query.limit(limit).execute();
}

export async function insertRows(db: Kysely<any>, table: string, rows: Row[]): Promise<void> {
  if (rows.length > 0) await db.insertInto(table).values(rows).execute();
}

export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** PostgreSQL: the next generated id of each identity column follows the largest one copied. */
export async function resetIdentities(db: Kysely<any>, table: TableInfo): Promise<void> {
  for (const c of table.columns.filter((col) => col.identity)) {
    await sql`select setval(pg_get_serial_sequence(${table.name}, ${c.name}),
      coalesce((select max(${sql.ref(c.name)}) from ${sql.table(table.name)}), 0) + 1, false)`.execute(db);
  }
}
