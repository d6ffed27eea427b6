// The embedded database file, opened the same way by each connection to it (the requests' own and the
// write thread's): WAL, so readers never wait for a writer; a wait of up to ten seconds for another
// connection's write; foreign keys enforced; statements kept prepared.
import SQLite from 'better-sqlite3';
import { keepCheckpointing } from './checkpoint-thread.ts';
import { cachePreparedStatements } from './sqlite-statements.ts';

/**
 * Pages the WAL may hold before a writer copies them back into the file itself (SQLite's default is 1,000).
 * The checkpoint thread (checkpoint-thread.ts) copies them as they come, beside the writes; but under a
 * steady stream of writes it never finds the WAL wholly copied as a writer starts, which is when the WAL
 * could begin again from its start, so the WAL grows to this line, where a writer's own checkpoint (by then
 * with little left to copy, 50-80 ms on the development machine) lets it begin again.
 */
const CHECKPOINT_SAFETY_PAGES = 50_000;

export function openSqliteFile(path: string): SQLite.Database {
  const file = new SQLite(path);
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 10000');
  // SQLite's own page cache of 2 MB per connection, not better-sqlite3's 16: pages the cache drops are read
  // again from the system's file cache. The write thread's connection filled its 16 MB in a send, and a
  // million recipients' statistics filled the main thread's (peak RSS of bench:send at 1,000,000 mails
  // 328-331 -> 301 MB, at 100,000 305-306 -> 290; the same processor time, in a send and in a storm's burst)
  file.pragma('cache_size = -2000');
  file.pragma(`wal_autocheckpoint = ${CHECKPOINT_SAFETY_PAGES}`);
  // no writer cuts the WAL file back (that took 150-200 ms at the end of a burst's WAL): the checkpoint
  // thread empties it once writes pause
  file.pragma('journal_size_limit = -1');
  // the main thread's connections keep the checkpoint thread going while they are open
  const release = keepCheckpointing(path);
  const close = file.close.bind(file);
  // this connection closes first and the checkpoint thread's after it, never both at once: two connections
  // closing together each see the other still open, and neither removes the WAL
  file.close = () => {
    try {
      return close();
    } finally {
      release();
    }
  };
  return cachePreparedStatements(file);
}
