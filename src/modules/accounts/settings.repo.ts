import { randomToken } from '../../lib/tokens.ts';
import type { Db } from '../../db/schema.ts';

/** The installation's signing secret: generated on first start and shared by every process through the database. */
export async function loadOrCreateSecret(db: Db): Promise<string> {
  await db.insertInto('settings').values({ key: 'link_secret', value: randomToken(32) })
    .onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'link_secret').executeTakeFirstOrThrow();
  return row.value;
}
