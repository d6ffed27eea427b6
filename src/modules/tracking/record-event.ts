// Events are written by group commit (lib/group-commit.ts): one multi-row INSERT for every event recorded
// while the previous write ran. The caller's promise resolves only once its row is committed (and rejects if
// it could not be), so a redirect that awaits recordEvent never gets ahead of its event.
// After each write, the storms it touched are announced (one notification per storm, for live numbers).
import type { Deps } from '../../deps.ts';
import type { Db } from '../../db/schema.ts';
import { inWriteThread } from '../../db/write-thread.ts';
import { isoTime } from '../../lib/clock.ts';
import { groupCommit } from '../../lib/group-commit.ts';
import type { Notifier } from '../../jobs/notifier.ts';
import { announceStoredEvents } from './event-announcements.ts';
import { eventRow, insertEvents, insertPackedEvents, packEvents, type EventRow, type NewEvent } from './events.repo.ts';

/** Rows per statement: 12 parameters each stays well inside SQLite's and PostgreSQL's limits. */
const MAX_ROWS = 500;

/** On the embedded database the batch's INSERT runs in its write thread (db/write-thread.ts), handed over packed. */
const insertBatch = inWriteThread(new URL('./events.repo.ts', import.meta.url).href, 'insertPackedEvents', insertPackedEvents);

interface Writer { store(row: EventRow): Promise<void>; notifier: Notifier | undefined }

const writers = new WeakMap<Db, Writer>();

/** Without a notifier (a script, a unit test) nothing is announced; every request path passes one. */
export function recordEvent(deps: Pick<Deps, 'db' | 'clock'> & Partial<Pick<Deps, 'notifier'>>, event: NewEvent): Promise<void> {
  const row = eventRow(event, isoTime(deps.clock.now()));
  // inside a transaction the event belongs to it (and on SQLite the transaction holds the one connection)
  if (deps.db.isTransaction) return insertEvents(deps.db, [row]);
  let writer = writers.get(deps.db);
  if (!writer) writers.set(deps.db, writer = writerFor(deps.db));
  writer.notifier ??= deps.notifier;
  return writer.store(row);
}

function writerFor(db: Db): Writer {
  const writer: Writer = {
    notifier: undefined,
    store: groupCommit<EventRow>({
      maxRows: MAX_ROWS,
      write: (rows) => insertBatch(db, packEvents(rows)),
      isolateFailures: true,
      written: (rows) => { if (writer.notifier) announceStoredEvents(writer.notifier, rows); },
    }),
  };
  return writer;
}
