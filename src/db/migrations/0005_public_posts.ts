// Evidence of a storm: the public posts found carrying its hashtags on networks with a public read API
// (Bluesky search, Mastodon hashtag timelines), one row per post, and the Mastodon servers each storm reads.
import type { Kysely } from 'kysely';
import { timestampType } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('storms')
    .addColumn('mastodon_instances', 'text', (c) => c.notNull().defaultTo('["mastodon.social"]'))
    .execute();
  // the key makes a post seen by two polls, two hashtags or two Mastodon servers count once
  await db.schema.createTable('storm_public_posts')
    .addColumn('storm_id', 'integer', (c) => c.notNull().references('storms.id').onDelete('cascade'))
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('created_at', timestampType(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('storm_public_posts_pk', ['storm_id', 'network', 'post_id'])
    .execute();
  await db.schema.createIndex('storm_public_posts_time_idx').on('storm_public_posts')
    .columns(['storm_id', 'network', 'created_at']).execute();
}
