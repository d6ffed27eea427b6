// Assignments are written by group commit, as events are: every assignment made while the last write ran
// goes into one multi-row upsert, and each caller's promise resolves once its row is committed. In a storm's
// first minute that is one statement for hundreds of new supporters.
import type { Db } from '../../db/schema.ts';
import { inWriteThread } from '../../db/write-thread.ts';
import { upsertAssignments, type AssignmentRow } from './assignments.repo.ts';

/** Rows per statement: 6 parameters each stays well inside SQLite's and PostgreSQL's limits. */
const MAX_ROWS = 500;

/** On the embedded database the upsert runs in its write thread (db/write-thread.ts). */
const upsertBatch = inWriteThread(new URL('./assignments.repo.ts', import.meta.url).href, 'upsertAssignments', upsertAssignments);

interface Pending { row: AssignmentRow; done: { resolve(): void; reject(err: unknown): void }[] }
interface Writer { pending: Map<string, Pending>; scheduled: boolean; writing: boolean }

const writers = new WeakMap<Db, Writer>();

export function storeAssignment(db: Db, row: AssignmentRow): Promise<void> {
  let writer = writers.get(db);
  if (!writer) writers.set(db, writer = { pending: new Map(), scheduled: false, writing: false });
  const w = writer;
  return new Promise((resolve, reject) => {
    const key = `${row.storm_id}\n${row.supporter}`;
    // one row per supporter in a statement (PostgreSQL will not upsert a row twice in one): the latest wins
    const done = [...(w.pending.get(key)?.done ?? []), { resolve, reject }];
    w.pending.delete(key);
    w.pending.set(key, { row, done });
    schedule(db, w);
  });
}

function schedule(db: Db, writer: Writer): void {
  if (writer.scheduled || writer.writing) return;
  writer.scheduled = true;
  setImmediate(() => {
    writer.scheduled = false;
    void write(db, writer);
  });
}

async function write(db: Db, writer: Writer): Promise<void> {
  writer.writing = true;
  const batch: Pending[] = [];
  for (const [key, pending] of writer.pending) {
    if (batch.length >= MAX_ROWS) break;
    batch.push(pending);
    writer.pending.delete(key);
  }
  try {
    await upsertBatch(db, batch.map((p) => p.row));
    for (const p of batch) p.done.forEach((d) => d.resolve());
  } catch (err) {
    for (const p of batch) p.done.forEach((d) => d.reject(err));
  } finally {
    writer.writing = false;
    if (writer.pending.size > 0) schedule(db, writer);
  }
}
