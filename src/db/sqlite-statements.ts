// Kysely prepares every query it runs; on the embedded database that is about a tenth of a send's
// database time, for the same few dozen statements over and over. Keeping the prepared statements by
// their SQL text (SQLite re-prepares one by itself when the schema changes) saves it. Safe because
// Kysely runs one query at a time on the single connection and never leaves a statement half-read.
import type SQLite from 'better-sqlite3';

const MAX_STATEMENTS = 500;

export function cachePreparedStatements(file: SQLite.Database): SQLite.Database {
  const prepare = file.prepare.bind(file);
  const cache = new Map<string, SQLite.Statement>();
  file.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      // last used, last out: a burst's bulk inserts come in hundreds of lengths (one per batch size), and
      // dropping the oldest prepared instead made the most used ones be prepared again and again
      cache.delete(source);
    } else {
      statement = prepare(source);
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof file.prepare;
  return file;
}
