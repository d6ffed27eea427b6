// The embedded database file, opened the same way by each connection to it (the requests' own and the
// write thread's): WAL, so readers never wait for a writer; a wait of up to ten seconds for another
// connection's write; foreign keys enforced; statements kept prepared.
import SQLite from 'better-sqlite3';
import { cachePreparedStatements } from './sqlite-statements.ts';

/**
 * Pages the WAL may hold before they are copied back into the file (SQLite's default is 1,000). A storm's
 * burst writes rows with random keys (visitor ids) into several indexes, so each commit touches hundreds of
 * pages: at 1,000 the copy, with its fsync, came every other commit and was a fifth of each row's cost.
 */
const WAL_PAGES_BEFORE_CHECKPOINT = 10_000;
/** What the WAL file is cut back to after a checkpoint, so a burst does not leave it large on disk. */
const WAL_BYTES_KEPT = 64 * 1024 * 1024;

export function openSqliteFile(path: string): SQLite.Database {
  const file = new SQLite(path);
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 10000');
  file.pragma(`wal_autocheckpoint = ${WAL_PAGES_BEFORE_CHECKPOINT}`);
  file.pragma(`journal_size_limit = ${WAL_BYTES_KEPT}`);
  return cachePreparedStatements(file);
}
