// Tagging people in bulk: add and remove tags for a batch of people, saying who actually changed.
import type { Db } from '../../db/schema.ts';
import { insertTags } from './people.repo.ts';

/** Adds each tag to each person, keeping those they have; returns the ids of people who gained one. */
export async function addTags(db: Db, personIds: number[], tags: string[]): Promise<Set<number>> {
  return insertTags(db, personIds.flatMap((person_id) => tags.map((tag) => ({ person_id, tag }))));
}

/** Removes these tags from these people; returns the ids of people who lost one. */
export async function removeTags(db: Db, personIds: number[], tags: string[]): Promise<Set<number>> {
  if (personIds.length === 0 || tags.length === 0) return new Set();
  const rows = await db.deleteFrom('person_tags').where('person_id', 'in', personIds).where('tag', 'in', tags)
    .returning('person_id').execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Which of these ids are people (a list of ids sent by a client may name someone erased meanwhile). */
export async function selectExistingIds(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('people').select('id').where('id', 'in', ids).orderBy('id', 'desc').execute()).map((r) => r.id);
}
