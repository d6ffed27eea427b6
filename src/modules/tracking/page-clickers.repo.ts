import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';

/**
 * People who clicked an emailed link to the page (at `pageUrl`, with or without a query): each person once.
 * Clicks store the destination as the organiser wrote it (the personal r= taken out).
 */
export async function countPageClickers(deps: Pick<Deps, 'db'>, pageUrl: string): Promise<number> {
  const withQuery = `${pageUrl.replace(/[\\%_]/g, (c) => `\\${c}`)}?%`;
  const row = await deps.db.selectFrom('events').where('kind', '=', 'click')
    .where((eb) => eb.or([eb('url', '=', pageUrl), sql<boolean>`${sql.ref('url')} like ${withQuery} escape '\\'`]))
    .select(sql<number>`count(distinct person_id)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
