// The supporter list's SQL: one WHERE for every filter, so a page, its count, a bulk change and an export
// select exactly the same people. Pages are read by id (keyset), never by OFFSET, so page 2,000 of a
// million people costs what page 1 does; each filter has an index (migrations 0001 and 0007).
import { sql, type ExpressionBuilder, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { countWithinBudget, type BoundedCount } from '../../db/bounded-count.ts';
import { jsonHasString, jsonObjectKeys, startsWith } from '../../db/dialect.ts';
import type { Database, Db, Person } from '../../db/schema.ts';
import { normaliseEmail } from './email-address.ts';
import type { PeopleFilter } from './people-filter.ts';

type PeopleExpression = ExpressionBuilder<Database, 'people'>;

function matches(db: Db, filter: PeopleFilter, keyset: Keyset = {}) {
  return (eb: PeopleExpression): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (filter.email !== undefined) all.push(eb('people.email', '=', filter.email));
    if (filter.q !== undefined) all.push(matchesText(db, eb, filter.q));
    if (filter.statuses) all.push(eb('people.status', 'in', filter.statuses));
    if (filter.languages) all.push(eb('people.language', 'in', filter.languages));
    if (filter.countries) all.push(eb('people.country', 'in', filter.countries));
    if (filter.tags) {
      let tagged = eb.selectFrom('person_tags').select(sql`1`.as('one'))
        .whereRef('person_tags.person_id', '=', 'people.id').where('person_tags.tag', 'in', filter.tags);
      // the page's bound again, on the tags: PostgreSQL then starts reading them at the page, not at the
      // first (or last) of a million and walking there (bench:db, a page half-way down: 300 ms → 3 ms)
      if (keyset.beforeId !== undefined) tagged = tagged.where('person_tags.person_id', '<', keyset.beforeId);
      if (keyset.afterId !== undefined) tagged = tagged.where('person_tags.person_id', '>', keyset.afterId);
      all.push(eb.exists(tagged));
    }
    for (const [key, value] of Object.entries(filter.fields ?? {})) {
      all.push(jsonHasString(db, 'people.custom_fields', key, value));
    }
    return eb.and(all);
  };
}

/**
 * The start of an address or of either name; two words are the start of a given and a family name. Each
 * way of matching reads its own index, and the ids they find are put together (UNION ALL): SQLite, unlike
 * PostgreSQL, would not combine indexes on expressions for an OR, and would read every person.
 */
function matchesText(db: Db, eb: PeopleExpression, q: string): Expression<SqlBool> {
  const ways: Expression<SqlBool>[] = [startsWith(db, 'm.email', normaliseEmail(q))];
  if (!q.includes('@')) {
    ways.push(startsWith(db, 'm.given_name', q, { caseless: true }), startsWith(db, 'm.family_name', q, { caseless: true }));
    const [first, ...rest] = q.split(/\s+/);
    if (rest.length > 0) {
      ways.push(eb.and([
        startsWith(db, 'm.given_name', first!, { caseless: true }),
        startsWith(db, 'm.family_name', rest.join(' '), { caseless: true }),
      ]));
    }
  }
  const ids = ways.map((way) => db.selectFrom('people as m').select('m.id').where(way));
  return eb('people.id', 'in', ids.reduce((all, next) => all.unionAll(next)));
}

export interface Keyset {
  /** Newest first: only ids below this one (the next page). */
  beforeId?: number | undefined;
  /** Oldest first: only ids above this one (the list's first shape, kept for its clients). */
  afterId?: number | undefined;
}

export async function selectPeoplePage(db: Db, filter: PeopleFilter, keyset: Keyset, limit: number): Promise<Person[]> {
  let q = db.selectFrom('people').selectAll('people').where(matches(db, filter, keyset));
  if (keyset.afterId !== undefined) return q.where('people.id', '>', keyset.afterId).orderBy('people.id', 'asc').limit(limit).execute();
  if (keyset.beforeId !== undefined) q = q.where('people.id', '<', keyset.beforeId);
  return q.orderBy('people.id', 'desc').limit(limit).execute();
}

/** One row per person the filter selects: what its count counts. */
function countedRows(db: Db, filter: PeopleFilter): SelectQueryBuilder<Database, any, any> {
  // a segment by tag alone (the most common count) is answered from the tag index without visiting people:
  // a tag row always has its person (foreign key), and the planner would rather join all of them; one tag's
  // rows are its people (a person has a tag once), several tags' are grouped by person (hashed, not sorted)
  if (filter.tags && Object.keys(filter).length === 1) {
    const tagged = db.selectFrom('person_tags').select('person_id').where('tag', 'in', filter.tags);
    return filter.tags.length === 1 ? tagged : tagged.groupBy('person_id');
  }
  return db.selectFrom('people').select('people.id').where(matches(db, filter));
}

/** How many people the filter selects (a segment's size). */
export async function countPeople(db: Db, filter: PeopleFilter): Promise<number> {
  const row = await db.selectFrom(countedRows(db, filter).as('c')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The same, exact if the database counts it within `budgetMs`, else PostgreSQL's estimate (marked so). */
export function countPeopleWithin(db: Db, filter: PeopleFilter, budgetMs: number): Promise<BoundedCount> {
  return countWithinBudget(db, countedRows(db, filter), budgetMs);
}

/** The ids of the next batch, newest first: a bulk change walks the filtered set with these. */
export async function selectPeopleIds(db: Db, filter: PeopleFilter, beforeId: number | undefined, limit: number): Promise<number[]> {
  let q = db.selectFrom('people').select('people.id').where(matches(db, filter));
  if (beforeId !== undefined) q = q.where('people.id', '<', beforeId);
  return (await q.orderBy('people.id', 'desc').limit(limit).execute()).map((r) => r.id);
}

/** Every custom field name the filtered people have, sorted byte by byte. */
export async function selectCustomFieldKeys(db: Db, filter: PeopleFilter): Promise<string[]> {
  const rows = db.selectFrom('people').select('people.custom_fields as json')
    .where(matches(db, filter)).where('people.custom_fields', '!=', '{}');
  const { rows: keys } = await jsonObjectKeys(db, rows).execute(db);
  return keys.map((k) => k.key).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
