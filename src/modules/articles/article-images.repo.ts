import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

export interface ImageInfo {
  article_id: number;
  content_type: string;
  etag: string;
  bytes: number;
}

export interface StoredImage {
  content_type: string;
  etag: string;
  data: Buffer;
}

/** Replaces the article's image, if it had one. */
export async function saveImage(db: Db, articleId: number, image: StoredImage, at: string): Promise<void> {
  await db.insertInto('article_images')
    .values({ article_id: articleId, content_type: image.content_type, data: image.data, etag: image.etag, updated_at: at })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({
      content_type: image.content_type, data: image.data, etag: image.etag, updated_at: at,
    }))
    .execute();
}

export async function deleteImage(db: Db, articleId: number): Promise<void> {
  await db.deleteFrom('article_images').where('article_id', '=', articleId).execute();
}

/** What the image is, without its bytes, for the articles given. */
export async function selectImageInfo(db: Db, articleIds: number[]): Promise<ImageInfo[]> {
  if (articleIds.length === 0) return [];
  // length() of a blob (SQLite) or a bytea (PostgreSQL) is its size in bytes
  const rows = await db.selectFrom('article_images')
    .select(['article_id', 'content_type', 'etag', sql<number>`length(data)`.as('bytes')])
    .where('article_id', 'in', articleIds).execute();
  return rows.map((r) => ({ ...r, bytes: Number(r.bytes) }));
}

export async function findImage(db: Db, articleId: number): Promise<StoredImage | undefined> {
  const row = await db.selectFrom('article_images').select(['content_type', 'etag', 'data'])
    .where('article_id', '=', articleId).executeTakeFirst();
  return row && { content_type: row.content_type, etag: row.etag, data: Buffer.from(row.data) };
}
