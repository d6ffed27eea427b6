import type { Insertable, Updateable } from 'kysely';
import type { Db, Storm, StormsTable, StormVariant } from '../../db/schema.ts';

/** The new storm's id, or undefined when its slug is taken. */
export async function insertStorm(db: Db, row: Insertable<StormsTable>): Promise<number | undefined> {
  const inserted = await db.insertInto('storms').values(row)
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id').executeTakeFirst();
  return inserted?.id;
}

export async function findStormById(db: Db, id: number): Promise<Storm | undefined> {
  return db.selectFrom('storms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStormRowBySlug(db: Db, slug: string): Promise<Storm | undefined> {
  return db.selectFrom('storms').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Newest first; `beforeId` pages back. */
export async function selectStorms(db: Db, limit: number, beforeId?: number): Promise<Storm[]> {
  let q = db.selectFrom('storms').selectAll();
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function updateStormRow(db: Db, id: number, changes: Updateable<StormsTable>): Promise<void> {
  await db.updateTable('storms').set(changes).where('id', '=', id).execute();
}

/** The variants in rotation, by position; with `includeRemoved`, also those an edit took out. */
export async function selectVariants(db: Db, stormId: number, includeRemoved = false): Promise<StormVariant[]> {
  let q = db.selectFrom('storm_variants').selectAll().where('storm_id', '=', stormId);
  if (!includeRemoved) q = q.where('removed_at', 'is', null);
  return q.orderBy('position').orderBy('id').execute();
}

/** Variants for many storms at once (a list page), in rotation only. */
export async function selectVariantsOf(db: Db, stormIds: number[]): Promise<StormVariant[]> {
  if (stormIds.length === 0) return [];
  return db.selectFrom('storm_variants').selectAll().where('storm_id', 'in', stormIds)
    .where('removed_at', 'is', null).orderBy('storm_id').orderBy('position').execute();
}

export async function insertVariants(db: Db, stormId: number, variants: { position: number; text: string; weight?: number }[]): Promise<void> {
  if (variants.length === 0) return;
  await db.insertInto('storm_variants')
    .values(variants.map((v) => ({ storm_id: stormId, position: v.position, text: v.text, weight: v.weight ?? 1, removed_at: null })))
    .execute();
}

export async function setVariantWeight(db: Db, id: number, weight: number): Promise<void> {
  await db.updateTable('storm_variants').set({ weight }).where('id', '=', id).execute();
}

export async function setVariantPosition(db: Db, id: number, position: number): Promise<void> {
  await db.updateTable('storm_variants').set({ position }).where('id', '=', id).execute();
}

/** Takes variants out of the rotation. Their rows stay, because events point at them. */
export async function markVariantsRemoved(db: Db, ids: number[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('storm_variants').set({ removed_at: at }).where('id', 'in', ids).execute();
}

/** Storms whose window has begun and had not ended by `endedAfter`: the live ones and those just over. */
export async function selectStormsLive(db: Db, now: string, endedAfter: string): Promise<Storm[]> {
  return db.selectFrom('storms').selectAll().where('starts_at', '<=', now).where('ends_at', '>', endedAfter)
    .orderBy('id').execute();
}
