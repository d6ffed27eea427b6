// Articles to read and share: the article, its uploaded image, and the first-party share links that make
// a referral chain (each sharer's token, and the share they arrived through). Events gain the article and
// the share token they are about; a storm may point at an article.
import { sql, type Kysely } from 'kysely';
import { binaryType, timestampType, withIdColumn } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);

  await withIdColumn(db, db.schema.createTable('articles'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text')
    .addColumn('external_url', 'text')
    .addColumn('image_url', 'text')
    .addColumn('image_alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  // apart from the article, so reading an article never carries its picture along
  await db.schema.createTable('article_images')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('data', binaryType(db), (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema.createTable('article_shares')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('person_id', 'integer')
    .addColumn('visitor', 'text')
    .addColumn('via_token', 'text')
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  // one link per sharer and article: a person (from their email link) or, when unknown, a browser's visitor id
  await db.schema.createIndex('article_shares_person_uq').on('article_shares').columns(['article_id', 'person_id'])
    .unique().where(sql.ref('person_id'), 'is not', null).execute();
  await db.schema.createIndex('article_shares_visitor_uq').on('article_shares').columns(['article_id', 'visitor'])
    .unique().where(sql.ref('person_id'), 'is', null).execute();

  // one column per statement: SQLite's ALTER TABLE adds one at a time
  await db.schema.alterTable('events').addColumn('article_id', 'integer').execute();
  await db.schema.alterTable('events').addColumn('share_token', 'text').execute();
  await db.schema.createIndex('events_article_idx').on('events').columns(['article_id', 'kind', 'share_token']).execute();

  await db.schema.alterTable('storms').addColumn('article_id', 'integer').execute();
}
