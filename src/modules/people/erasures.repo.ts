// erasures: the keyed hashes of addresses erased on request; and deleting a person's own rows.
import type { Db } from '../../db/schema.ts';

export async function insertErasure(db: Db, addressHash: string, at: string): Promise<void> {
  await db.insertInto('erasures').values({ address_hash: addressHash, erased_at: at })
    .onConflict((oc) => oc.column('address_hash').doNothing()).execute();
}

/** Which of these hashes are of erased addresses. */
export async function selectErasedHashes(db: Db, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db.selectFrom('erasures').select('address_hash').where('address_hash', 'in', hashes).execute();
  return new Set(rows.map((r) => r.address_hash));
}

export interface DeletedPersonRows {
  tags: number;
  subscription_changes: number;
}

/** Deletes a person with their tags and subscription history; false when there was nobody to delete. */
export async function deletePersonRows(db: Db, personId: number): Promise<DeletedPersonRows | undefined> {
  const tags = await db.deleteFrom('person_tags').where('person_id', '=', personId).executeTakeFirst();
  const changes = await db.deleteFrom('subscription_changes').where('person_id', '=', personId).executeTakeFirst();
  const person = await db.deleteFrom('people').where('id', '=', personId).executeTakeFirst();
  if (Number(person.numDeletedRows) === 0) return undefined;
  return { tags: Number(tags.numDeletedRows), subscription_changes: Number(changes.numDeletedRows) };
}
