import type { Db } from '../../db/schema.ts';

export interface MessageTranslation {
  language: string;
  subject: string;
  body: string;
}

export async function insertMessageTranslations(db: Db, messageId: number, translations: readonly MessageTranslation[]): Promise<void> {
  if (translations.length === 0) return;
  await db.insertInto('message_translations').values(translations.map((t) => ({ message_id: messageId, ...t }))).execute();
}

export async function selectMessageTranslations(db: Db, messageId: number): Promise<MessageTranslation[]> {
  return db.selectFrom('message_translations').select(['language', 'subject', 'body'])
    .where('message_id', '=', messageId).orderBy('language').execute();
}
