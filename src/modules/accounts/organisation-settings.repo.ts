// The organisation's own settings kept as JSON in one settings row each: `organisation` (name, logo,
// colours) and `senders` (the sender identities messages may use).
import type { Db } from '../../db/schema.ts';

export async function readSettingJson(db: Db, key: 'organisation' | 'senders'): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) as unknown : undefined;
}

export async function writeSettingJson(db: Db, key: 'organisation' | 'senders', value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db.insertInto('settings').values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
}
