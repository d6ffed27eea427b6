// Reminders of a storm: who asked for one on the storm's page (a person, in the language they read the page
// in), whom the organiser wants the wave at the start to reach, and for which start it last went out. And
// on messages, the kind of a message and a reference, so a module can have a message of its own created
// once (the reminder wave of a storm, per language) however often it asks.
import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  // one column per statement: SQLite's ALTER TABLE adds one at a time
  await db.schema.alterTable('storms').addColumn('reminder_audience', 'text', (c) => c.notNull().defaultTo('requested')).execute();
  await db.schema.alterTable('storms').addColumn('reminders_sent_for', ts).execute();

  await withIdColumn(db, db.schema.createTable('storm_reminders'))
    .addColumn('storm_id', 'integer', (c) => c.notNull().references('storms.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('ip_mark', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    // one request per address per storm: a repeat changes nothing
    .addUniqueConstraint('storm_reminders_person_uq', ['storm_id', 'person_id'])
    .execute();
  await db.schema.createIndex('storm_reminders_ip_idx').on('storm_reminders').columns(['ip_mark', 'created_at']).execute();

  await db.schema.alterTable('messages').addColumn('kind', 'text', (c) => c.notNull().defaultTo('blast')).execute();
  await db.schema.alterTable('messages').addColumn('reference', 'text').execute();
  // NULLs are distinct in both databases: only messages made with a reference are held to one each
  await db.schema.createIndex('messages_reference_uq').on('messages').column('reference').unique().execute();
}
