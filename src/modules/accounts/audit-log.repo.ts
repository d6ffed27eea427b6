import type { AuditLogTable, Db } from '../../db/schema.ts';
import type { Insertable } from 'kysely';

export async function insertAuditEntry(db: Db, entry: Insertable<AuditLogTable>) {
  await db.insertInto('audit_log').values(entry).execute();
}

export async function selectAuditEntries(db: Db, limit: number, before?: number) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
  if (before !== undefined) q = q.where('id', '<', before);
  return q.execute();
}
