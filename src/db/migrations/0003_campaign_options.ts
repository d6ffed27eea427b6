// Campaign options on a message: the zone a schedule was written in, opens tracking (off by default),
// and an A/B subject test (variants, sample, decision) with each recipient's subject variant.
import { sql, type Kysely } from 'kysely';
import { timestampType } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const columns: [string, 'text' | 'integer' | typeof ts][] = [
    ['timezone', 'text'],
    ['ab_subjects', 'text'],
    ['ab_sample_percent', 'integer'],
    ['ab_decide_after_minutes', 'integer'],
    ['ab_decide_at', ts],
    ['ab_winner', 'integer'],
    ['ab_decided_at', ts],
  ];
  // one column per statement: SQLite's ALTER TABLE adds one at a time
  for (const [name, type] of columns) {
    await db.schema.alterTable('messages').addColumn(name, type).execute();
  }
  await db.schema.alterTable('messages').addColumn('track_opens', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('message_recipients').addColumn('subject_variant', 'integer').execute();

  // one open per recipient: repeats (image proxies, reopening) insert nothing
  await db.schema.createIndex('events_open_once_uq').on('events').columns(['message_id', 'person_id'])
    .unique().where(sql.ref('kind'), '=', 'open').execute();
}
