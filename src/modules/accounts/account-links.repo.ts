import type { Db } from '../../db/schema.ts';

export async function insertAccountLink(db: Db, row: { token_hash: string; kind: 'setup' | 'invite'; user_id: number | null; created_at: string; expires_at: string }) {
  await db.insertInto('account_links').values(row).execute();
}

/** A link neither used nor expired, with the invited user's name, address and role. */
export async function findUsableLink(db: Db, tokenHash: string, now: string) {
  return db.selectFrom('account_links')
    .leftJoin('users', 'users.id', 'account_links.user_id')
    .select(['account_links.id', 'account_links.kind', 'account_links.user_id', 'users.name', 'users.email', 'users.role'])
    .where('account_links.token_hash', '=', tokenHash)
    .where('account_links.used_at', 'is', null)
    .where('account_links.expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the link used unless it already was: true for the one request that used it. */
export async function claimLink(db: Db, id: number, now: string): Promise<boolean> {
  const res = await db.updateTable('account_links').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteUserLinks(db: Db, userId: number) {
  await db.deleteFrom('account_links').where('user_id', '=', userId).execute();
}

/** The marker that the first owner was made: its key is unique, so of two set-ups at once only one gets it. */
export async function claimFirstOwner(db: Db, now: string): Promise<boolean> {
  const res = await db.insertInto('settings').values({ key: 'accounts.first_owner_at', value: now })
    .onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
