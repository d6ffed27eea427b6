// imports and import_rejections: a background import's progress and the rows it refused.
import type { Selectable } from 'kysely';
import type { Db, ImportsTable } from '../../db/schema.ts';
import type { Rejection } from './import-row.ts';

export type ImportRow = Selectable<ImportsTable>;

export async function insertImport(db: Db, row: { tags: string; bytes_total: number; now: string }): Promise<number> {
  const { id } = await db.insertInto('imports').values({
    status: 'queued', tags: row.tags, bytes_total: row.bytes_total, error: null,
    created_at: row.now, started_at: null, heartbeat_at: row.now, finished_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function markImportRunning(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('imports').set({ status: 'running', started_at: now, heartbeat_at: now })
    .where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface ImportCounts {
  rows_done: number;
  added: number;
  updated: number;
  rejected: number;
  bytes_done: number;
}

/** Stores progress and renews the heartbeat; false when the import is no longer running (declared interrupted). */
export async function recordImportProgress(db: Db, id: number, counts: ImportCounts, now: string): Promise<boolean> {
  const r = await db.updateTable('imports').set({ ...counts, heartbeat_at: now })
    .where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchImport(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('imports').set({ heartbeat_at: now }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function finishImport(
  db: Db, id: number, outcome: { status: 'done' | 'failed'; error: string | null; counts?: Partial<ImportCounts> | undefined }, now: string,
): Promise<void> {
  await db.updateTable('imports')
    .set({ ...outcome.counts, status: outcome.status, error: outcome.error, finished_at: now, heartbeat_at: now })
    .where('id', '=', id).where('status', 'in', ['queued', 'running']).execute();
}

/** Marks as failed the imports whose process stopped renewing them before `staleBefore`; returns their ids. */
export async function failStaleImports(db: Db, staleBefore: string, error: string, now: string): Promise<number[]> {
  const rows = await db.updateTable('imports').set({ status: 'failed', error, finished_at: now })
    .where('status', 'in', ['queued', 'running']).where('heartbeat_at', '<', staleBefore)
    .returning('id').execute();
  return rows.map((r) => r.id);
}

export async function findImport(db: Db, id: number): Promise<ImportRow | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectRecentImports(db: Db, limit: number): Promise<ImportRow[]> {
  return db.selectFrom('imports').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export async function insertRejections(db: Db, importId: number, rejections: Rejection[]): Promise<void> {
  // 4 values a row: 500 rows a statement stays far inside both databases' limits on bound values
  for (let i = 0; i < rejections.length; i += 500) {
    await db.insertInto('import_rejections')
      .values(rejections.slice(i, i + 500).map((r) => ({ import_id: importId, row: r.row, field: r.field, reason: r.reason })))
      .execute();
  }
}

export type RejectionCursor = { row: number; id: number };

/** The next rejections in row order after `after` (a report is read in batches, never whole). */
export async function selectRejections(
  db: Db, importId: number, after: RejectionCursor | undefined, limit: number,
): Promise<(Rejection & { id: number })[]> {
  let q = db.selectFrom('import_rejections').select(['id', 'row', 'field', 'reason']).where('import_id', '=', importId);
  if (after) q = q.where((eb) => eb.or([eb('row', '>', after.row), eb.and([eb('row', '=', after.row), eb('id', '>', after.id)])]));
  return q.orderBy('row').orderBy('id').limit(limit).execute();
}
