// Assignments are written by group commit (lib/group-commit.ts), as events are: one multi-row upsert for
// every assignment made while the last write ran; each caller's promise resolves once its row is committed.
import type { Db } from '../../db/schema.ts';
import { inWriteThread } from '../../db/write-thread.ts';
import { groupCommit } from '../../lib/group-commit.ts';
import { packAssignments, upsertPackedAssignments, type AssignmentRow } from './assignments.repo.ts';

/** Rows per statement: 6 parameters each stays well inside SQLite's and PostgreSQL's limits. */
const MAX_ROWS = 500;

/** On the embedded database the upsert runs in its write thread (db/write-thread.ts), handed over packed. */
const upsertBatch = inWriteThread(new URL('./assignments.repo.ts', import.meta.url).href, 'upsertPackedAssignments', upsertPackedAssignments);

const writers = new WeakMap<Db, (row: AssignmentRow) => Promise<void>>();

export function storeAssignment(db: Db, row: AssignmentRow): Promise<void> {
  let store = writers.get(db);
  if (!store) {
    // one row per supporter in a statement (PostgreSQL will not upsert a row twice in one): the latest wins
    store = groupCommit({ maxRows: MAX_ROWS, write: (rows) => upsertBatch(db, packAssignments(rows)), key: (r) => `${r.storm_id}\n${r.supporter}` });
    writers.set(db, store);
  }
  return store(row);
}
