import type { Db } from '../../db/schema.ts';

export async function insertApiToken(db: Db, name: string, tokenHash: string, now: string) {
  return db.insertInto('api_tokens').values({ name, token_hash: tokenHash, created_at: now })
    .returning(['id', 'name', 'created_at']).executeTakeFirstOrThrow();
}

export async function findApiTokenByHash(db: Db, tokenHash: string) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'last_used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchApiToken(db: Db, id: number, now: string) {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function selectApiTokens(db: Db) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at']).orderBy('id').execute();
}
