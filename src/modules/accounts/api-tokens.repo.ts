import type { Db, UserRole } from '../../db/schema.ts';

const COLUMNS = ['id', 'name', 'role', 'created_at', 'last_used_at'] as const;

export async function insertApiToken(db: Db, name: string, role: UserRole, tokenHash: string, now: string) {
  return db.insertInto('api_tokens').values({ name, role, token_hash: tokenHash, created_at: now })
    .returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function findApiTokenByHash(db: Db, tokenHash: string) {
  return db.selectFrom('api_tokens').select(COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchApiToken(db: Db, id: number, now: string) {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function selectApiTokens(db: Db) {
  return db.selectFrom('api_tokens').select(COLUMNS).orderBy('id').execute();
}

export async function deleteApiToken(db: Db, id: number) {
  return db.deleteFrom('api_tokens').where('id', '=', id).returning(['id', 'name']).executeTakeFirst();
}
