// Indexes chosen with `npm run bench:db` (1,000,000 supporters, 10,000,000 delivery rows) so that the numbers
// an organiser reads are answered from an index alone (PostgreSQL's index-only scans) instead of the table:
// a message's delivery counts, a storm's supporters, posters and posts by network, variant and minute, the
// clicks on a storm's page, and the supporter list's counts by language or country with a status. Four
// indexes of 0001 and 0007 are replaced by wider ones that answer everything they did, and more.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  // at 10,000,000 delivery rows these take about a minute to build (migrations run without a time-out)

  // a message's statistics group its recipients by status and add up bounces; the low-cardinality key is
  // stored once per run of equal values (PostgreSQL's deduplication), a fifth of message_recipients_status_idx
  await db.schema.createIndex('message_recipients_counts_idx').on('message_recipients')
    .columns(['message_id', 'status', 'bounced']).execute();

  // a storm's numbers: kinds, and posts by network, variant and minute, all from one index
  await db.schema.dropIndex('events_storm_idx').ifExists().execute();
  await db.schema.createIndex('events_storm_kind_idx').on('events')
    .columns(['storm_id', 'kind', 'created_at', 'network', 'variant_id']).execute();
  // distinct supporters and posters: known people by id, anonymous visitors by their first-party id, each
  // read in order so counting them needs neither a sort nor a hash table
  await db.schema.createIndex('events_storm_person_idx').on('events').columns(['storm_id', 'person_id', 'kind'])
    .where(sql.ref('person_id'), 'is not', null).execute();
  await db.schema.createIndex('events_storm_visitor_idx').on('events').columns(['storm_id', 'visitor', 'kind'])
    .where(sql.ref('person_id'), 'is', null).execute();
  // people who clicked a link to a storm's page (its live funnel): the URL exactly, or with a query after it
  if (pg) await sql`create index events_click_url_idx on events (url text_pattern_ops, person_id) where kind = 'click'`.execute(db);
  else await db.schema.createIndex('events_click_url_idx').on('events').columns(['url', 'person_id']).where(sql.ref('kind'), '=', 'click').execute();

  // the supporter list filtered by language or country usually with a status too: counted from the index
  for (const column of ['language', 'country']) {
    await db.schema.dropIndex(`people_${column}_idx`).ifExists().execute();
    await db.schema.createIndex(`people_${column}_status_idx`).on('people').columns([column, 'status', 'id']).execute();
  }

  // prefix search (0007) with the person's id in the index: the matches are found without reading the table;
  // PostgreSQL reads an expression from the index only when the column it is made of is there too (INCLUDE)
  if (pg) {
    await sql`drop index if exists people_email_prefix_idx`.execute(db);
    await sql`create index people_email_prefix_idx on people ((email collate "C"), id)`.execute(db);
    for (const column of ['given_name', 'family_name']) {
      await sql`drop index if exists ${sql.id(`people_${column}_prefix_idx`)}`.execute(db);
      await sql`create index ${sql.id(`people_${column}_prefix_idx`)} on people ((lower(${sql.ref(column)}) collate "C"), id) include (${sql.ref(column)})`.execute(db);
    }
  }
}
