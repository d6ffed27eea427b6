// Imports with a progress bar: the upload is kept in a temporary file and answered at once with the
// import's id; the file is then imported in the background (import-runs.ts) while any web process answers
// how far it got, and the rows it refused can be downloaded as a CSV report.
import type { Readable } from 'node:stream';
import type { Deps } from '../../deps.ts';
import type { ImportStatus } from '../../db/schema.ts';
import { notFound, Problem } from '../../http/problem.ts';
import { CSV_BOM, csvLine } from './csv-text.ts';
import { launchImport, INTERRUPTED, STALE_MS } from './import-runs.ts';
import { readFirstRecord, receiveUpload } from './import-upload.ts';
import { checkTags, readHeader } from './import.service.ts';
import { findImport, insertImport, selectRecentImports, selectRejections, type ImportRow, type RejectionCursor } from './imports.repo.ts';

export interface ImportView {
  id: number;
  status: ImportStatus;
  tags: string[];
  rows_done: number;
  added: number;
  updated: number;
  rejected: number;
  bytes_done: number;
  bytes_total: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/**
 * Receives the file and starts importing it. A file that cannot be imported at all (empty, not UTF-8, no
 * email column) is refused here, before an import exists; anything found later is in the import's outcome.
 */
export async function startImport(deps: Pick<Deps, 'db' | 'clock' | 'secret' | 'log'>, body: Readable, tagsAsked: string[]): Promise<{ id: number }> {
  const tags = checkTags(tagsAsked);
  const upload = await receiveUpload(body);
  try {
    const header = await readFirstRecord(upload.path);
    if (!header) throw new Problem(400, 'empty-file', 'The file is empty');
    readHeader(header);
    const id = await insertImport(deps.db, { tags: JSON.stringify(tags), bytes_total: upload.bytes, now: deps.clock.now().toISOString() });
    launchImport(deps, id, upload, tags);
    return { id };
  } catch (err) {
    await upload.dispose();
    throw err;
  }
}

export async function getImport(deps: Pick<Deps, 'db' | 'clock'>, id: number): Promise<ImportView> {
  const row = await findImport(deps.db, id);
  if (!row) throw notFound('Import');
  return toView(deps, row);
}

export async function listImports(deps: Pick<Deps, 'db' | 'clock'>, limit = 20): Promise<{ items: ImportView[] }> {
  return { items: (await selectRecentImports(deps.db, limit)).map((row) => toView(deps, row)) };
}

/** The rows an import refused, as a CSV file (row, field, reason), read and written in batches. */
export async function rejectedRowsCsv(deps: Pick<Deps, 'db'>, id: number): Promise<AsyncIterable<string>> {
  if (!(await findImport(deps.db, id))) throw notFound('Import');
  return (async function* () {
    yield CSV_BOM + csvLine(['row', 'field', 'reason']);
    let after: RejectionCursor | undefined;
    for (;;) {
      const rows = await selectRejections(deps.db, id, after, 1000);
      if (rows.length === 0) return;
      yield rows.map((r) => csvLine([r.row, r.field, r.reason])).join('');
      after = rows.at(-1)!;
    }
  })();
}

function toView(deps: Pick<Deps, 'clock'>, row: ImportRow): ImportView {
  // a process that died cannot say so: its import is shown as what it is, interrupted (the next start records it)
  const stale = (row.status === 'running' || row.status === 'queued')
    && new Date(row.heartbeat_at).getTime() < deps.clock.now().getTime() - STALE_MS;
  return {
    id: row.id,
    status: stale ? 'failed' : row.status,
    tags: JSON.parse(row.tags) as string[],
    rows_done: row.rows_done,
    added: row.added,
    updated: row.updated,
    rejected: row.rejected,
    bytes_done: Number(row.bytes_done),
    bytes_total: Number(row.bytes_total),
    error: stale ? INTERRUPTED : row.error,
    created_at: iso(row.created_at)!,
    started_at: iso(row.started_at),
    finished_at: iso(row.finished_at),
  };
}

const iso = (at: string | null) => (at === null ? null : new Date(at).toISOString());
