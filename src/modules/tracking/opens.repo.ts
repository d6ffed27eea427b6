import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';

/**
 * Records that a recipient opened a message, once: a unique index on (message, person) for opens makes a
 * repeat (a reopened mail, an image proxy fetching again, two at once) insert nothing. True when recorded.
 */
export async function recordFirstOpen(deps: Pick<Deps, 'db' | 'clock'>, open: { message_id: number; person_id: number }): Promise<boolean> {
  const result = await deps.db.insertInto('events').values({
    kind: 'open',
    message_id: open.message_id,
    person_id: open.person_id,
    storm_id: null,
    variant_id: null,
    network: null,
    visitor: null,
    url: null,
    created_at: deps.clock.now().toISOString(),
  })
    // the index's own predicate, written out: SQLite matches a partial index only on a literal, not a parameter
    .onConflict((oc) => oc.columns(['message_id', 'person_id']).where(sql.ref('kind'), '=', sql.lit('open')).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
