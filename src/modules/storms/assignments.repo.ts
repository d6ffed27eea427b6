import type { CompiledQuery, Insertable, Selectable } from 'kysely';
import type { Db, StormAssignmentsTable } from '../../db/schema.ts';

export type AssignmentRow = Selectable<StormAssignmentsTable>;

export async function selectAssignments(db: Db, stormId: number, supporters: string[]): Promise<AssignmentRow[]> {
  if (supporters.length === 0) return [];
  return db.selectFrom('storm_assignments').selectAll().where('storm_id', '=', stormId)
    .where('supporter', 'in', supporters).execute();
}

/** Many supporters in one statement; a supporter given something new (after an edit) gets it in place. */
function upsertStatement(db: Db, rows: Insertable<StormAssignmentsTable>[]) {
  return db.insertInto('storm_assignments').values(rows)
    .onConflict((oc) => oc.columns(['storm_id', 'supporter']).doUpdateSet((eb) => ({
      variant_id: eb.ref('excluded.variant_id'),
      target_id: eb.ref('excluded.target_id'),
      hashtag: eb.ref('excluded.hashtag'),
      created_at: eb.ref('excluded.created_at'),
    })));
}

/** The columns of an assignment row, in the order packAssignments lays out their values. */
const COLUMNS = ['storm_id', 'supporter', 'variant_id', 'target_id', 'hashtag', 'created_at'] as const;

/** Rows as one flat list of their values (as events are packed, tracking's events.repo.ts: the write thread's hand-off). */
export function packAssignments(rows: readonly Insertable<StormAssignmentsTable>[]): unknown[] {
  const values: unknown[] = new Array(rows.length * COLUMNS.length);
  let i = 0;
  for (const row of rows) for (const column of COLUMNS) values[i++] = row[column] ?? null;
  return values;
}

const statements = new WeakMap<Db, Map<number, CompiledQuery>>();

/** Upserts packed rows (upsertStatement's): the statement for so many rows is compiled once per database and reused. */
export async function upsertPackedAssignments(db: Db, values: unknown[]): Promise<void> {
  const count = values.length / COLUMNS.length;
  if (count === 0) return;
  let byCount = statements.get(db);
  if (!byCount) statements.set(db, byCount = new Map());
  let statement = byCount.get(count);
  if (!statement) {
    // each value is its column's place, so the compiled parameters show the order the values must come in
    const places = Object.fromEntries(COLUMNS.map((column, i) => [column, i])) as unknown as Insertable<StormAssignmentsTable>;
    statement = upsertStatement(db, Array.from({ length: count }, () => places)).compile();
    if (statement.parameters.some((p, i) => p !== i % COLUMNS.length)) throw new Error('the upsert\'s parameters are not in the order of packAssignments');
    byCount.set(count, statement);
  }
  await db.executeQuery({ ...statement, parameters: values });
}

export interface AssignmentTally {
  variant_id: number;
  target_id: number | null;
  hashtag: string | null;
  n: number;
}

/** How many supporters got each variant, target and hashtag combination since `since`. */
export async function selectAssignmentTallies(db: Db, stormId: number, since: string): Promise<AssignmentTally[]> {
  const rows = await db.selectFrom('storm_assignments')
    .select(['variant_id', 'target_id', 'hashtag', (eb) => eb.fn.countAll<number>().as('n')])
    .where('storm_id', '=', stormId).where('created_at', '>=', since)
    .groupBy(['variant_id', 'target_id', 'hashtag']).execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
