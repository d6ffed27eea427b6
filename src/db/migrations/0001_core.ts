// The core chain: people, storms, messages and their recipients, events, API tokens.
import { sql, type Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);

  await db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('people'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('language', 'text')
    .addColumn('country', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('subscribed'))
    .addColumn('status_changed_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_status_idx').on('people').columns(['status', 'id']).execute();

  await db.schema.createTable('person_tags')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_tags_pk', ['person_id', 'tag'])
    .execute();
  await db.schema.createIndex('person_tags_tag_idx').on('person_tags').columns(['tag', 'person_id']).execute();

  await withIdColumn(db, db.schema.createTable('subscription_changes'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('previous_status', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subscription_changes_person_idx').on('subscription_changes').columns(['person_id', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('storms'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('ends_at', ts, (c) => c.notNull())
    .addColumn('hashtags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('targets', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('article_url', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('storm_variants'))
    .addColumn('storm_id', 'integer', (c) => c.notNull().references('storms.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('removed_at', ts)
    .execute();
  // positions are unique among the variants in rotation; a removed variant keeps its old number for the stats
  await db.schema.createIndex('storm_variants_position_uq').on('storm_variants').columns(['storm_id', 'position'])
    .unique().where(sql.ref('removed_at'), 'is', null).execute();

  await withIdColumn(db, db.schema.createTable('messages'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('target_tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('scheduled_at', ts)
    .addColumn('started_at', ts)
    .addColumn('finished_at', ts)
    .addColumn('recipients_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('audience_after_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('audience_done_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('message_recipients'))
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('vars', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reply', 'text')
    .addColumn('bounced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', ts)
    .addColumn('next_attempt_at', ts)
    .addUniqueConstraint('message_recipients_person_uq', ['message_id', 'person_id'])
    .execute();
  await db.schema.createIndex('message_recipients_status_idx').on('message_recipients')
    .columns(['message_id', 'status', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('events'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('storm_id', 'integer')
    .addColumn('variant_id', 'integer')
    .addColumn('network', 'text')
    .addColumn('message_id', 'integer')
    .addColumn('person_id', 'integer')
    .addColumn('visitor', 'text')
    .addColumn('url', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_storm_idx').on('events').columns(['storm_id', 'kind', 'created_at']).execute();
  await db.schema.createIndex('events_message_idx').on('events').columns(['message_id', 'kind', 'person_id']).execute();

  await withIdColumn(db, db.schema.createTable('api_tokens'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .execute();

}
