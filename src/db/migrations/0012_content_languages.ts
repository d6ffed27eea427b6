// Content in several languages: a message's subject and body, and a storm's title, article link and
// message texts, each per language beside the original (the message's or storm's own `language`). A
// storm's translated texts are the same variants in another language (JSON, by position), so rotation
// and the numbers per variant stay one across languages.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('message_translations')
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_translations_pk', ['message_id', 'language'])
    .execute();

  await db.schema.createTable('storm_translations')
    .addColumn('storm_id', 'integer', (c) => c.notNull().references('storms.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('article_url', 'text')
    .addColumn('messages', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('storm_translations_pk', ['storm_id', 'language'])
    .execute();
}
