import type { Deps } from '../../deps.ts';

/** The people who clicked at least one link in a message. */
export async function messageClickers(deps: Pick<Deps, 'db'>, messageId: number): Promise<number[]> {
  const rows = await deps.db.selectFrom('events').select('person_id').distinct()
    .where('message_id', '=', messageId).where('kind', '=', 'click').where('person_id', 'is not', null).execute();
  return rows.map((r) => r.person_id!);
}
