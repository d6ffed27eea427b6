import type { Db } from '../../db/schema.ts';

export async function insertLoginFailure(db: Db, account: string, ip: string, at: string): Promise<number> {
  const row = await db.insertInto('login_failures').values({ account, ip, at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The times of the latest `limit` failures since `since` for one account or one address, but `except`, newest first. */
export async function selectRecentFailures(db: Db, by: 'account' | 'ip', value: string, since: string, limit: number, except: number): Promise<string[]> {
  const rows = await db.selectFrom('login_failures').select('at')
    .where(by, '=', value).where('at', '>', since).where('id', '!=', except)
    .orderBy('at', 'desc').limit(limit).execute();
  return rows.map((r) => r.at);
}

export async function deleteLoginFailure(db: Db, id: number) {
  await db.deleteFrom('login_failures').where('id', '=', id).execute();
}

export async function deleteAccountFailures(db: Db, account: string) {
  await db.deleteFrom('login_failures').where('account', '=', account).execute();
}

export async function deleteFailuresBefore(db: Db, before: string) {
  await db.deleteFrom('login_failures').where('at', '<=', before).execute();
}
