// An organisation's own wording of the public strings: one settings row per language, `strings.<lang>`,
// holding a JSON object of message key → ICU message.
import type { Db } from '../../db/schema.ts';

const keyOf = (lang: string) => `strings.${lang}`;

export async function readStringOverrides(db: Db, lang: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', keyOf(lang)).executeTakeFirst();
  return row?.value;
}

/** Replaces the language's overrides; `json` undefined removes them. */
export async function writeStringOverrides(db: Db, lang: string, json: string | undefined): Promise<void> {
  if (json === undefined) {
    await db.deleteFrom('settings').where('key', '=', keyOf(lang)).execute();
    return;
  }
  await db.insertInto('settings').values({ key: keyOf(lang), value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
}
