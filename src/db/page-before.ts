// Newest-first pages ordered by a time and then an id that go on exactly where the last one stopped, so rows
// sharing a time at a page's edge are neither shown twice nor skipped.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Where the next page starts: rows older than `at`, and of those at `at`, the ones with an id below `id`
 * (0: none of them, as ids start at 1; null: every one of them).
 */
export interface PageBefore {
  at: string;
  id: number | null;
}

export function olderThan(at: Expression<unknown>, id: Expression<unknown>, before: PageBefore): RawBuilder<SqlBool> {
  if (before.id === null) return sql<SqlBool>`${at} <= ${before.at}`;
  // a row value compares time, then id, on both databases, and lets PostgreSQL seek an index on the pair
  return sql<SqlBool>`(${at}, ${id}) < (${before.at}, ${before.id})`;
}
