import type { Db, UserRole } from '../../db/schema.ts';

const PUBLIC_COLUMNS = ['id', 'name', 'email', 'role', 'totp_secret', 'password_hash', 'last_login_at', 'created_at'] as const;

export async function insertUser(db: Db, user: { name: string; email: string; role: UserRole; password_hash: string | null }, now: string) {
  return db.insertInto('users').values({ ...user, created_at: now, updated_at: now })
    .returning(PUBLIC_COLUMNS).executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectUsers(db: Db) {
  return db.selectFrom('users').select(PUBLIC_COLUMNS).orderBy('id').execute();
}

export async function countOwners(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'owner').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateUser(db: Db, id: number, set: Partial<{ name: string; role: UserRole; password_hash: string; last_login_at: string }>, now: string) {
  return db.updateTable('users').set({ ...set, updated_at: now }).where('id', '=', id)
    .returning(PUBLIC_COLUMNS).executeTakeFirst();
}

export async function deleteUser(db: Db, id: number): Promise<boolean> {
  const res = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function setTotpPending(db: Db, id: number, secret: string | null, now: string) {
  await db.updateTable('users').set({ totp_pending_secret: secret, updated_at: now }).where('id', '=', id).execute();
}

/** Makes the pending secret the user's second factor (the code that confirmed it was step `step`). */
export async function confirmTotp(db: Db, id: number, secret: string, step: number, now: string): Promise<boolean> {
  const res = await db.updateTable('users')
    .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step, updated_at: now })
    .where('id', '=', id).where('totp_pending_secret', '=', secret).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function clearTotp(db: Db, id: number, now: string) {
  await db.updateTable('users').set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null, updated_at: now })
    .where('id', '=', id).execute();
}

/**
 * Records that a code of time step `step` was used, unless that step or a later one already was: one atomic
 * update, so two processes given the same code at once cannot both accept it.
 */
export async function claimTotpStep(db: Db, id: number, step: number): Promise<boolean> {
  const res = await db.updateTable('users').set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
