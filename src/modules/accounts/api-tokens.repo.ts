import type { Db, UserRole } from '../../db/schema.ts';

const COLUMNS = ['id', 'name', 'role', 'created_by', 'created_at', 'last_used_at'] as const;

export async function insertApiToken(db: Db, token: { name: string; role: UserRole; token_hash: string; created_by: number | null }, now: string) {
  return db.insertInto('api_tokens').values({ ...token, created_at: now })
    .returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function findApiTokenByHash(db: Db, tokenHash: string) {
  return db.selectFrom('api_tokens').select(COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findApiTokenById(db: Db, id: number) {
  return db.selectFrom('api_tokens').select(COLUMNS).where('id', '=', id).executeTakeFirst();
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

/** Deletes the tokens a user made that have one of `roles`; returns them. */
export async function deleteTokensMadeBy(db: Db, userId: number, roles: readonly UserRole[]) {
  if (!roles.length) return [];
  return db.deleteFrom('api_tokens').where('created_by', '=', userId).where('role', 'in', roles)
    .returning(['id', 'name', 'role']).execute();
}
