// The delivery log: every attempt at a recipient with the relay's reply, and when the first attempt was
// made, so temporary failures are retried up to a lifetime rather than a count.
import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  await db.schema.alterTable('message_recipients').addColumn('first_attempt_at', ts).execute();
  await withIdColumn(db, db.schema.createTable('delivery_attempts'))
    .addColumn('recipient_id', 'integer', (c) => c.notNull().references('message_recipients.id').onDelete('cascade'))
    .addColumn('attempted_at', ts, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .execute();
  await db.schema.createIndex('delivery_attempts_recipient_idx').on('delivery_attempts').columns(['recipient_id', 'id']).execute();
}
