import type { Insertable, Updateable } from 'kysely';
import type { Db, StormTarget, StormTargetsTable } from '../../db/schema.ts';

/** A storm's targets by position: those it addresses now, or with `includeRemoved` every one it had. */
export async function selectTargets(db: Db, stormId: number, includeRemoved = false): Promise<StormTarget[]> {
  let q = db.selectFrom('storm_targets').selectAll().where('storm_id', '=', stormId);
  if (!includeRemoved) q = q.where('removed_at', 'is', null);
  return q.orderBy('position').orderBy('id').execute();
}

/** Targets for many storms at once (a list page), current ones only. */
export async function selectTargetsOf(db: Db, stormIds: number[]): Promise<StormTarget[]> {
  if (stormIds.length === 0) return [];
  return db.selectFrom('storm_targets').selectAll().where('storm_id', 'in', stormIds)
    .where('removed_at', 'is', null).orderBy('storm_id').orderBy('position').orderBy('id').execute();
}

export async function insertTargets(db: Db, rows: Insertable<StormTargetsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('storm_targets').values(rows).execute();
}

export async function updateTarget(db: Db, id: number, changes: Updateable<StormTargetsTable>): Promise<void> {
  await db.updateTable('storm_targets').set(changes).where('id', '=', id).execute();
}

/** Takes targets off the storm. Their rows stay, because events point at them. */
export async function markTargetsRemoved(db: Db, ids: number[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('storm_targets').set({ removed_at: at }).where('id', 'in', ids).execute();
}
