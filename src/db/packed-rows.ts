// Rows handed to the write thread (write-thread.ts) as one flat list of their values, row after row, each
// in its columns' order, written out as JSON: one string crosses between threads for a fifth of what
// cloning the list value by value cost the main thread (the values are text, numbers and nulls). The list
// is also the parameters of the multi-row statement that writes them, compiled once per row count (and per
// database), so a batch is neither parsed into Kysely's nodes nor compiled again.
import type { Compilable, CompiledQuery } from 'kysely';
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
  const statements = new WeakMap<Db, Map<number, CompiledQuery>>();
  return async (db, packed) => {
    const values = JSON.parse(packed) as unknown[];
    const count = values.length / columns.length;
    if (count === 0) return;
    let byCount = statements.get(db);
    if (!byCount) statements.set(db, byCount = new Map());
    let statement = byCount.get(count);
    if (!statement) {
      // each value is its column's place, so the compiled parameters show the order the values must come in
      const places = Object.fromEntries(columns.map((column, i) => [column, i])) as R;
      statement = build(db, Array.from({ length: count }, () => places)).compile();
      if (statement.parameters.some((p, i) => p !== i % columns.length)) throw new Error('the statement\'s parameters are not in the order of the packed values');
      byCount.set(count, statement);
    }
    await db.executeQuery({ ...statement, parameters: values });
  };
}
