// Rows handed to the write thread (write-thread.ts) as one flat list of their values, row after row, each
// in its columns' order, written out as JSON: one string crosses between threads for a fifth of what
// cloning the list value by value cost the main thread (the values are text, numbers and nulls). The list
// is also the parameters of the multi-row statement that writes them, compiled once per row count (and per
// dialect), so a batch is neither parsed into Kysely's nodes nor compiled again.
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Db } from './schema.ts';

/** Rows packed: their values (text, numbers, nulls) in one JSON list. */
export type PackedRows = string & { readonly packed: unique symbol };

export function packRows<R>(rows: readonly R[], columns: readonly (keyof R)[]): PackedRows {
  const values: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows) for (const column of columns) values[i++] = row[column] ?? null;
  return JSON.stringify(values) as PackedRows;
}

/** Runs packed rows through the statement `build` makes for rows of `columns` (a repository's), compiled once per row count. */
export function packedWriter<R>(columns: readonly (keyof R)[], build: (db: Db, rows: R[]) => Compilable): (db: Db, packed: PackedRows) => Promise<void> {
  const write = valuesWriter(columns, build);
  return async (db, packed) => {
    await write(db, JSON.parse(packed) as unknown[]);
  };
}

/** packedWriter for rows already flat (their values, row after row, each in its columns' order); resolves with what the statement says it did. */
export function valuesWriter<R>(columns: readonly (keyof R)[], build: (db: Db, rows: R[]) => Compilable): (db: Db, values: unknown[]) => Promise<QueryResult<unknown>> {
  // each value is its own position, so the compiled parameters show the order the values must come in
  const statement = statementPerCount((db, count) => build(db, Array.from({ length: count }, (_, row) =>
    Object.fromEntries(columns.map((column, i) => [column, row * columns.length + i])) as R)).compile());
  return async (db, values) => {
    const count = values.length / columns.length;
    if (count === 0) return { rows: [], numAffectedRows: 0n };
    return db.executeQuery({ ...statement(db, count), parameters: values });
  };
}

/**
 * The statement `build` makes for `count` rows, compiled once per count and dialect (a transaction shares
 * its database's). `build` is given every parameter's value as its position, and the compiled statement
 * must take them in that order: the caller then passes the real values in it.
 */
export function statementPerCount(build: (db: Db, count: number) => CompiledQuery): (db: Db, count: number) => CompiledQuery {
  const statements = new WeakMap<object, Map<number, CompiledQuery>>();
  return (db, count) => {
    const { adapter } = db.getExecutor();
    let byCount = statements.get(adapter);
    if (!byCount) statements.set(adapter, byCount = new Map());
    let statement = byCount.get(count);
    if (!statement) {
      const built = build(db, count);
      if (built.parameters.some((p, i) => p !== i)) throw new Error('the statement\'s parameters are not in the order of its values');
      // only its text is kept: the built statement holds a node per value, a fifth of a megabyte at 500 rows
      statement = CompiledQuery.raw(built.sql);
      byCount.set(count, statement);
    }
    return statement;
  };
}
