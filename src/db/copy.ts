// Copies an installation into an empty PostgreSQL database: the move from the embedded database to
// production. The target is migrated first, every table is copied parents first, in primary-key order and
// in batches, inside one transaction (a failed copy leaves the target empty), and the identity sequences
// are moved past the copied ids. Then each table is read back and compared with what was read from the
// source: the row counts and a checksum of the rows (table-checksum.ts) must match.
import type { Kysely } from 'kysely';
import { Problem } from '../http/problem.ts';
import { describeTables, type TableInfo } from './catalog.repo.ts';
import { migrateToLatest } from './database.ts';
import { isPostgres } from './dialect.ts';
import type { Db } from './schema.ts';
import { createTableHash, normaliseRow } from './table-checksum.ts';
import { countRows, insertRows, readRowsAfter, resetIdentities, type Row } from './table-rows.repo.ts';

export interface TableCopyReport {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  matches: boolean;
}

export interface CopyOptions {
  /** Told after each batch is copied. */
  onProgress?: (table: string, rowsSoFar: number) => void;
}

export async function copyDatabase(source: Db, target: Db, options: CopyOptions = {}): Promise<TableCopyReport[]> {
  if (!isPostgres(target)) throw new Problem(400, 'bad-target', 'The target must be a PostgreSQL database');
  await migrateToLatest(source);
  await migrateToLatest(target);
  const tables = parentsFirst(await describeTables(target));
  await refuseUnlessEmpty(target, tables);

  const read = new Map<string, { rows: number; checksum: string }>();
  // one snapshot of the source, one transaction on the target
  await source.transaction().execute((src) => target.transaction().execute(async (dst) => {
    for (const table of tables) {
      const hash = createTableHash(table);
      await eachBatch(src, table, async (rows) => {
        const normal = rows.map((r) => normaliseRow(table, r));
        normal.forEach(hash.add);
        await insertRows(dst, table.name, normal);
        options.onProgress?.(table.name, hash.rows());
      });
      read.set(table.name, { rows: hash.rows(), checksum: hash.digest() });
      await resetIdentities(dst, table);
    }
  }));

  const reports: TableCopyReport[] = [];
  for (const table of tables) {
    const copied = await checksumTable(target, table);
    const original = read.get(table.name)!;
    reports.push({
      table: table.name,
      sourceRows: original.rows,
      targetRows: copied.rows,
      sourceChecksum: original.checksum,
      targetChecksum: copied.checksum,
      matches: original.rows === copied.rows && original.checksum === copied.checksum,
    });
  }
  return reports;
}

/** The row count and checksum of a table as it is now. */
export async function checksumTable(db: Kysely<any>, table: TableInfo): Promise<{ rows: number; checksum: string }> {
  const hash = createTableHash(table);
  await eachBatch(db, table, async (rows) => rows.forEach((r) => hash.add(normaliseRow(table, r))));
  return { rows: hash.rows(), checksum: hash.digest() };
}

async function eachBatch(db: Kysely<any>, table: TableInfo, fn: (rows: Row[]) => Promise<void>): Promise<void> {
  // PostgreSQL takes at most 65,535 parameters in one statement
  const size = Math.max(1, Math.min(1000, Math.floor(30_000 / table.columns.length)));
  let after: unknown[] | undefined;
  for (;;) {
    const rows = await readRowsAfter(db, table, after, size);
    if (rows.length > 0) await fn(rows);
    if (rows.length < size) return;
    const last = rows.at(-1)!;
    after = table.key.map((k) => last[k]);
  }
}

function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const visit = (t: TableInfo, path: string[]) => {
    if (placed.has(t.name)) return;
    if (path.includes(t.name)) throw new Error(`tables refer to each other in a cycle: ${[...path, t.name].join(' → ')}`);
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent) visit(parent, [...path, t.name]);
    }
    placed.add(t.name);
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) {
    if (t.key.length === 0) throw new Error(`table ${t.name} has no primary key, so it cannot be copied in order`);
    visit(t, []);
  }
  return ordered;
}

async function refuseUnlessEmpty(db: Kysely<any>, tables: TableInfo[]): Promise<void> {
  const filled: string[] = [];
  for (const t of tables) {
    const n = await countRows(db, t.name);
    if (n > 0) filled.push(`${t.name} (${n})`);
  }
  if (filled.length > 0) {
    throw new Problem(409, 'target-not-empty', 'The target database is not empty',
      `It already holds rows in ${filled.join(', ')}. Copy into a new, empty database.`);
  }
}
