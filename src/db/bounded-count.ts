// An exact count when the database can give it within a time budget; past that, the planner's estimate,
// marked as one. Counting a segment of a million supporters can take longer than a page may (a custom field
// read from every matching row, a tag joined to a status), while PostgreSQL's statistics know its size
// closely. SQLite, the embedded database of small installations, always counts.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database, Db } from './schema.ts';
import { isPostgres } from './dialect.ts';

export interface BoundedCount {
  count: number;
  /** True when the exact count ran out of time and `count` is the planner's estimate. */
  estimated: boolean;
}

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';

/** Counts the rows `rows` selects: exactly within `budgetMs`, else estimated (PostgreSQL only). */
export async function countWithinBudget(db: Db, rows: SelectQueryBuilder<Database, any, any>, budgetMs: number): Promise<BoundedCount> {
  const exact = (on: Db) => on.selectFrom(rows.as('counted')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (!isPostgres(db) || db.isTransaction) return { count: Number((await exact(db)).n), estimated: false };
  try {
    const row = await db.transaction().execute(async (trx) => {
      // SET LOCAL: this transaction only; the connection goes back to the pool with its usual time-out
      await sql`set local statement_timeout = ${sql.lit(Math.max(1, Math.round(budgetMs)))}`.execute(trx);
      return exact(trx);
    });
    return { count: Number(row.n), estimated: false };
  } catch (err) {
    if ((err as { code?: unknown }).code !== QUERY_CANCELED) throw err;
    const [plan] = await rows.explain<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>('json');
    return { count: Math.round(plan?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0), estimated: true };
  }
}
