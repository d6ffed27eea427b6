import type { Insertable, Selectable } from 'kysely';
import { packedWriter, packRows, type PackedRows } from '../../db/packed-rows.ts';
import type { Db, StormAssignmentsTable } from '../../db/schema.ts';

export type AssignmentRow = Selectable<StormAssignmentsTable>;
type AssignmentInsert = Insertable<StormAssignmentsTable>;

export async function selectAssignments(db: Db, stormId: number, supporters: string[]): Promise<AssignmentRow[]> {
  if (supporters.length === 0) return [];
  return db.selectFrom('storm_assignments').selectAll().where('storm_id', '=', stormId)
    .where('supporter', 'in', supporters).execute();
}

/** Many supporters in one statement; a supporter given something new (after an edit) gets it in place. */
function upsertStatement(db: Db, rows: AssignmentInsert[]) {
  return db.insertInto('storm_assignments').values(rows)
    .onConflict((oc) => oc.columns(['storm_id', 'supporter']).doUpdateSet((eb) => ({
      variant_id: eb.ref('excluded.variant_id'),
      target_id: eb.ref('excluded.target_id'),
      hashtag: eb.ref('excluded.hashtag'),
      created_at: eb.ref('excluded.created_at'),
    })));
}

/** The columns of an assignment row, in the order its values are packed in (db/packed-rows.ts). */
const COLUMNS: readonly (keyof AssignmentInsert)[] = ['storm_id', 'supporter', 'variant_id', 'target_id', 'hashtag', 'created_at'];

/** Assignments packed for the write thread, as events are. */
export const packAssignments = (rows: readonly AssignmentInsert[]): PackedRows => packRows(rows, COLUMNS);

/** Upserts packed rows. */
export const upsertPackedAssignments = packedWriter<AssignmentInsert>(COLUMNS, upsertStatement);

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
