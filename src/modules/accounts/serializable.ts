// A change whose check reads rows another change may be writing at the same moment: "is there another
// owner?" while someone demotes that other owner. Read committed would let both pass, each seeing the
// other owner still there, and leave none. Serializable makes PostgreSQL refuse one of the two (SQLSTATE
// 40001); it runs again and sees what the other did. SQLite runs one writing transaction at a time anyway
// (Kysely takes no isolation level there).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../db/schema.ts';

const ATTEMPTS = 8;

const isSerializationFailure = (err: unknown) => (err as { code?: unknown } | null)?.code === '40001';

export async function serializable<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel('serializable').execute(work);
    } catch (err) {
      if (attempt >= ATTEMPTS || !isSerializationFailure(err)) throw err;
      // both sides may have been refused: a random wait keeps them from meeting again in step
      await sleep(Math.random() * 10 * attempt);
    }
  }
}
