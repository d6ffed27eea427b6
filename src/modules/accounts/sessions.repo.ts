import type { Db } from '../../db/schema.ts';

export async function insertSession(db: Db, row: { token_hash: string; user_id: number; created_at: string; last_seen_at: string; expires_at: string }) {
  await db.insertInto('sessions').values(row).execute();
}

/** The session and its user, while the session is neither idle too long nor past its end. */
export async function findLiveSession(db: Db, tokenHash: string, now: string, idleSince: string) {
  return db.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.last_seen_at', 'users.id', 'users.name', 'users.email', 'users.role', 'users.totp_secret'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('sessions.last_seen_at', '>', idleSince)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: number, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSessionByHash(db: Db, tokenHash: string): Promise<number | undefined> {
  const row = await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();
  return row?.user_id;
}

export async function deleteUserSessions(db: Db, userId: number, exceptHash?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptHash) q = q.where('token_hash', '!=', exceptHash);
  await q.execute();
}

/** Sessions past their end: removed now and then, so the table keeps only live ones. */
export async function deleteExpiredSessions(db: Db, now: string, idleSince: string) {
  await db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)])).execute();
}
