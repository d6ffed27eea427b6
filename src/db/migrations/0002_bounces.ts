// Bounce and complaint reports, one row per recipient a report names (owned by the bounces module),
// and the index that finds a message's recipient by address.
import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withIdColumn(db, db.schema.createTable('bounce_events'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('message_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('event_key', 'text', (c) => c.notNull().unique())
    .addColumn('outcome', 'text')
    .addColumn('created_at', timestampType(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bounce_events_person_idx').on('bounce_events').columns(['person_id', 'created_at']).execute();
  // a report that names only the address (or the address and the Message-ID) finds its recipient by it
  await db.schema.createIndex('message_recipients_email_idx').on('message_recipients').columns(['email', 'id']).execute();
}
