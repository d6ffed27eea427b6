// The article links one person shared: their data export and their erasure. Erasure keeps the shares, so
// an article's chain of sharers and its numbers stay whole, but unlinks them from the person and from
// their browser's visitor id (a share of nobody's: both empty, which the unique indexes allow any number of).
import type { Deps } from '../../deps.ts';

export interface PersonShare {
  article_id: number;
  article_title: string;
  token: string;
  generation: number;
  created_at: string;
}

export async function personShares(deps: Pick<Deps, 'db'>, personId: number): Promise<PersonShare[]> {
  return deps.db.selectFrom('article_shares').innerJoin('articles', 'articles.id', 'article_shares.article_id')
    .select(['article_shares.article_id', 'articles.title as article_title', 'article_shares.token', 'article_shares.generation', 'article_shares.created_at'])
    .where('article_shares.person_id', '=', personId).orderBy('article_shares.created_at', 'desc').execute();
}

export async function anonymisePersonShares(deps: Pick<Deps, 'db'>, personId: number): Promise<number> {
  const result = await deps.db.updateTable('article_shares').set({ person_id: null, visitor: null })
    .where('person_id', '=', personId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
