// A storm's burst writes thousands of events a second, none of them a message's or an article's; yet the
// message and article indexes of the events table took an entry for each (under a null key): two of the
// four index entries a storm event cost. Every query those indexes serve asks for one message or one
// article (message_id = ?, article_id = ?), which implies the key is not null, so SQLite and PostgreSQL
// (generic plans too) still use them once they hold only the events that have one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_message_idx').execute();
  await db.schema.createIndex('events_message_idx').on('events').columns(['message_id', 'kind', 'person_id'])
    .where(sql.ref('message_id'), 'is not', null).execute();
  await db.schema.dropIndex('events_article_idx').execute();
  await db.schema.createIndex('events_article_idx').on('events').columns(['article_id', 'kind', 'share_token'])
    .where(sql.ref('article_id'), 'is not', null).execute();
}
