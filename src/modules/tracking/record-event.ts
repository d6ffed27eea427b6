// Events are written by group commit: every event recorded while the previous write was running, or in the
// same turn of the event loop, goes into one multi-row INSERT. In a storm's first minute that is one commit
// for hundreds of page views and button presses instead of one each. The caller's promise resolves only
// once its row is committed (and rejects if it could not be), so a redirect that awaits recordEvent never
// gets ahead of its event, and nothing waits in memory for a timer: a crash loses only unanswered requests.
// After each write, the storms it touched are announced (one notification per storm, for live numbers).
import type { Deps } from '../../deps.ts';
import type { Db } from '../../db/schema.ts';
import { inWriteThread } from '../../db/write-thread.ts';
import type { Notifier } from '../../jobs/notifier.ts';
import { announceStoredEvents } from './event-announcements.ts';
import { eventRow, insertEvents, type EventRow, type NewEvent } from './events.repo.ts';

/** Rows per statement: 12 parameters each stays well inside SQLite's and PostgreSQL's limits. */
const MAX_ROWS = 500;

/** On the embedded database the batch's INSERT runs in its write thread (db/write-thread.ts). */
const insertBatch = inWriteThread(new URL('./events.repo.ts', import.meta.url).href, 'insertEvents', insertEvents);

interface Waiting { row: EventRow; resolve(): void; reject(err: unknown): void }
interface Writer { waiting: Waiting[]; scheduled: boolean; writing: boolean; notifier: Notifier | undefined }

const writers = new WeakMap<Db, Writer>();

/** Without a notifier (a script, a unit test) nothing is announced; every request path passes one. */
export function recordEvent(deps: Pick<Deps, 'db' | 'clock'> & Partial<Pick<Deps, 'notifier'>>, event: NewEvent): Promise<void> {
  const row = eventRow(event, deps.clock.now().toISOString());
  // inside a transaction the event belongs to it (and on SQLite the transaction holds the one connection)
  if (deps.db.isTransaction) return insertEvents(deps.db, [row]);
  let writer = writers.get(deps.db);
  if (!writer) writers.set(deps.db, writer = { waiting: [], scheduled: false, writing: false, notifier: undefined });
  writer.notifier ??= deps.notifier;
  const w = writer;
  return new Promise((resolve, reject) => {
    w.waiting.push({ row, resolve, reject });
    schedule(deps.db, w);
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
  const batch = writer.waiting.splice(0, MAX_ROWS);
  let stored: EventRow[] = [];
  try {
    await insertBatch(db, batch.map((w) => w.row));
    stored = batch.map((w) => w.row);
    batch.forEach((w) => w.resolve());
  } catch (err) {
    if (batch.length === 1) batch[0]!.reject(err);
    // one bad row must not take the others with it: each on its own, so only that one fails
    else for (const w of batch) await insertBatch(db, [w.row]).then(() => { stored.push(w.row); w.resolve(); }, w.reject);
  } finally {
    writer.writing = false;
    if (writer.waiting.length > 0) schedule(db, writer);
  }
  if (writer.notifier && stored.length > 0) announceStoredEvents(writer.notifier, stored);
}
