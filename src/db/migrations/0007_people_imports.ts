// Supporters at scale: imports that run in the background with their progress and rejected rows, the
// keyed hashes of addresses erased on request (so an import does not bring them back), and the indexes
// that keep the supporter list, its filters and a person's history fast at a million people.
import { sql, type Kysely } from 'kysely';
import { isPostgres, timestampType, withIdColumn } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const pg = isPostgres(db);

  await withIdColumn(db, db.schema.createTable('imports'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('started_at', ts)
    // written with each progress update and every few seconds while running: a stale one means its process died
    .addColumn('heartbeat_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute();
  await db.schema.createIndex('imports_status_idx').on('imports').columns(['status', 'heartbeat_at']).execute();

  await withIdColumn(db, db.schema.createTable('import_rejections'))
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_rejections_import_idx').on('import_rejections').columns(['import_id', 'row', 'id']).execute();

  await db.schema.createTable('erasures')
    .addColumn('address_hash', 'text', (c) => c.primaryKey())
    .addColumn('erased_at', ts, (c) => c.notNull())
    .execute();

  // filters of the supporter list, each read newest first (id descending) and counted
  await db.schema.createIndex('people_language_idx').on('people').columns(['language', 'id']).execute();
  await db.schema.createIndex('people_country_idx').on('people').columns(['country', 'id']).execute();
  // prefix search: compared byte by byte (collate "C" on PostgreSQL, SQLite's default), so a range on
  // the index finds every value starting with the typed text, whatever the database's collation
  if (pg) await sql`create index people_email_prefix_idx on people (email collate "C")`.execute(db);
  for (const column of ['given_name', 'family_name']) {
    const expression = pg ? sql`(lower(${sql.ref(column)}) collate "C")` : sql`lower(${sql.ref(column)})`;
    await sql`create index ${sql.id(`people_${column}_prefix_idx`)} on people (${expression})`.execute(db);
  }
  // custom fields are JSON text; on PostgreSQL a GIN index answers "field = value" as containment
  if (pg) await sql`create index people_custom_fields_idx on people using gin ((custom_fields::jsonb) jsonb_path_ops)`.execute(db);

  // a person's history and erasure read these tables (owned by tracking and messages) by person
  await db.schema.createIndex('events_person_idx').on('events').columns(['person_id', 'created_at'])
    .where(sql.ref('person_id'), 'is not', null).execute();
  await db.schema.createIndex('message_recipients_person_idx').on('message_recipients').columns(['person_id', 'message_id']).execute();
}
