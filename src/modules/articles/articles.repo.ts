import type { Insertable, Updateable } from 'kysely';
import type { Article, ArticlesTable, Db } from '../../db/schema.ts';

/** The new article's id, or undefined when its slug is taken. */
export async function insertArticle(db: Db, row: Insertable<ArticlesTable>): Promise<number | undefined> {
  const inserted = await db.insertInto('articles').values(row)
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id').executeTakeFirst();
  return inserted?.id;
}

export async function findArticleById(db: Db, id: number): Promise<Article | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findArticleRowBySlug(db: Db, slug: string): Promise<Article | undefined> {
  return db.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Newest first; `beforeId` pages back. */
export async function selectArticles(db: Db, limit: number, beforeId?: number): Promise<Article[]> {
  let q = db.selectFrom('articles').selectAll();
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function updateArticleRow(db: Db, id: number, changes: Updateable<ArticlesTable>): Promise<void> {
  await db.updateTable('articles').set(changes).where('id', '=', id).execute();
}
