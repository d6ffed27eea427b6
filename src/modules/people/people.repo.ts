import { sql } from 'kysely';
import type { Db, Person, SubscriptionStatus } from '../../db/schema.ts';

export async function findPersonById(db: Db, id: number): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPersonByEmail(db: Db, email: string): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function selectTagsOf(db: Db, personIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (personIds.length === 0) return out;
  const rows = await db.selectFrom('person_tags').select(['person_id', 'tag'])
    .where('person_id', 'in', personIds).orderBy('tag').execute();
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.tag]);
  return out;
}

/** Subscribed people after `afterId` (by id), optionally only those with any of `tags`. */
export async function selectAudienceBatch(db: Db, tags: string[], afterId: number, limit: number): Promise<Person[]> {
  let q = db.selectFrom('people').selectAll('people')
    .where('people.status', '=', 'subscribed').where('people.id', '>', afterId);
  if (tags.length > 0) {
    q = q.where(({ exists, selectFrom }) => exists(
      selectFrom('person_tags').select(sql`1`.as('one'))
        .whereRef('person_tags.person_id', '=', 'people.id').where('person_tags.tag', 'in', tags),
    ));
  }
  return q.orderBy('people.id').limit(limit).execute();
}

/** Which of these people are subscribed now (a send checks each batch just before mailing it). */
export async function selectSubscribedIds(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('people').select('id').where('id', 'in', ids).where('status', '=', 'subscribed').execute();
  return rows.map((r) => r.id);
}

export async function countAudience(db: Db, tags: string[]): Promise<number> {
  let q = db.selectFrom('people').select(sql<number>`count(*)`.as('n')).where('people.status', '=', 'subscribed');
  if (tags.length > 0) {
    q = q.where(({ exists, selectFrom }) => exists(
      selectFrom('person_tags').select(sql`1`.as('one'))
        .whereRef('person_tags.person_id', '=', 'people.id').where('person_tags.tag', 'in', tags),
    ));
  }
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function updateStatus(db: Db, id: number, status: SubscriptionStatus, now: string) {
  await db.updateTable('people').set({ status, status_changed_at: now, updated_at: now }).where('id', '=', id).execute();
}

export async function insertSubscriptionChange(db: Db, change: {
  person_id: number; status: SubscriptionStatus; previous_status: SubscriptionStatus | null;
  source: string; detail: string | null; changed_at: string;
}) {
  await db.insertInto('subscription_changes').values(change).execute();
}

export async function selectSubscriptionChanges(db: Db, personId: number) {
  return db.selectFrom('subscription_changes').select(['status', 'previous_status', 'source', 'detail', 'changed_at'])
    .where('person_id', '=', personId).orderBy('id').execute();
}
