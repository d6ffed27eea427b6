import type { Db } from '../../db/schema.ts';

export interface StormTranslation {
  language: string;
  title: string;
  article_url: string | null;
  /** One text per variant in rotation, in position order. */
  messages: string[];
}

export async function selectStormTranslations(db: Db, stormId: number): Promise<StormTranslation[]> {
  return (await selectTranslationsOf(db, [stormId])).get(stormId) ?? [];
}

export async function selectTranslationsOf(db: Db, stormIds: number[]): Promise<Map<number, StormTranslation[]>> {
  const byStorm = new Map<number, StormTranslation[]>();
  if (stormIds.length === 0) return byStorm;
  const rows = await db.selectFrom('storm_translations').selectAll().where('storm_id', 'in', stormIds).orderBy('language').execute();
  for (const r of rows) {
    const list = byStorm.get(r.storm_id) ?? [];
    list.push({ language: r.language, title: r.title, article_url: r.article_url, messages: JSON.parse(r.messages) as string[] });
    byStorm.set(r.storm_id, list);
  }
  return byStorm;
}

/** Run inside the caller's transaction: the storm's translations become exactly `translations`. */
export async function replaceStormTranslations(trx: Db, stormId: number, translations: readonly StormTranslation[]): Promise<void> {
  await trx.deleteFrom('storm_translations').where('storm_id', '=', stormId).execute();
  if (translations.length === 0) return;
  await trx.insertInto('storm_translations').values(translations.map((t) => ({
    storm_id: stormId, language: t.language, title: t.title, article_url: t.article_url, messages: JSON.stringify(t.messages),
  }))).execute();
}
