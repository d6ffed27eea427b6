import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';

export interface MessageEventTotals {
  /** Recipients who clicked at least one link. */
  clicked: number;
  unsubscribed: number;
  /** Recipients whose open pixel loaded at least once (only messages with opens tracking have any). */
  opened: number;
  /** Unique clickers per destination URL. */
  byLink: { url: string; clicked: number }[];
}

export async function messageEventTotals(deps: Pick<Deps, 'db'>, messageId: number): Promise<MessageEventTotals> {
  const { db } = deps;
  const [rows, byLink] = await Promise.all([
    db.selectFrom('events').where('message_id', '=', messageId)
      .select(['kind', sql<number>`count(distinct person_id)`.as('n')]).groupBy('kind').execute(),
    db.selectFrom('events').where('message_id', '=', messageId).where('kind', '=', 'click')
      .select(['url', sql<number>`count(distinct person_id)`.as('n')]).groupBy('url').orderBy('url').execute(),
  ]);
  const count = (k: string) => Number(rows.find((r) => r.kind === k)?.n ?? 0);
  return {
    clicked: count('click'),
    unsubscribed: count('unsubscribe'),
    opened: count('open'),
    byLink: byLink.map((r) => ({ url: r.url ?? '', clicked: Number(r.n) })),
  };
}
