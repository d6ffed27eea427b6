import { sql } from 'kysely';
import type { ArticleShare, Db } from '../../db/schema.ts';

/** Who shares: a known person (from their email link), else a browser's visitor id, else nobody we can tell apart. */
export interface Sharer {
  personId: number | undefined;
  visitor: string | undefined;
}

/** The sharer's existing link to the article: by person when known, else by visitor id. */
export async function findSharerShare(db: Db, articleId: number, sharer: Sharer): Promise<ArticleShare | undefined> {
  if (sharer.personId === undefined && sharer.visitor === undefined) return undefined;
  let q = db.selectFrom('article_shares').selectAll().where('article_id', '=', articleId);
  q = sharer.personId !== undefined
    ? q.where('person_id', '=', sharer.personId)
    : q.where('person_id', 'is', null).where('visitor', '=', sharer.visitor!);
  return q.executeTakeFirst();
}

export async function findShareByToken(db: Db, token: string): Promise<ArticleShare | undefined> {
  return db.selectFrom('article_shares').selectAll().where('token', '=', token).executeTakeFirst();
}

/** False when the sharer already had a link (a second press that raced this one made it). */
export async function insertShare(db: Db, share: ArticleShare): Promise<boolean> {
  const result = await db.insertInto('article_shares').values(share)
    .onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function selectSharesByTokens(db: Db, tokens: string[]): Promise<ArticleShare[]> {
  if (tokens.length === 0) return [];
  return db.selectFrom('article_shares').selectAll().where('token', 'in', tokens).execute();
}

/** The longest chain of sharers: 1 when nobody shared after arriving through a share, 0 when nobody shared. */
export async function maxGeneration(db: Db, articleId: number): Promise<number> {
  const row = await db.selectFrom('article_shares').where('article_id', '=', articleId)
    .select(sql<number | null>`max(generation)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}
