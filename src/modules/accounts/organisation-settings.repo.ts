// The organisation's own settings kept as JSON in one settings row each: `organisation` (name, colours),
// `senders` (the sender identities messages may use), `sender_limits` (their limits at the relay),
// `organisation_logo` (what the logo is: its type and content hash) and `organisation_logo_data` (its
// bytes, read only when the logo itself is asked for).
import type { Db } from '../../db/schema.ts';

export type OrganisationSettingKey = 'organisation' | 'senders' | 'sender_limits' | 'organisation_logo' | 'organisation_logo_data';

export async function readSettingJson(db: Db, key: OrganisationSettingKey): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) as unknown : undefined;
}

/** Several settings in one query, by key; a key with no row is absent. */
export async function readSettingsJson(db: Db, keys: OrganisationSettingKey[]): Promise<Map<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export async function writeSettingJson(db: Db, key: OrganisationSettingKey, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db.insertInto('settings').values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
}

export async function deleteSettings(db: Db, keys: OrganisationSettingKey[]): Promise<void> {
  await db.deleteFrom('settings').where('key', 'in', keys).execute();
}
