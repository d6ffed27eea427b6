// The supporter list: filtered, newest first, a page at a time with a cursor, and the size of the whole
// filtered set (the segment's count) with every page.
import type { Deps } from '../../deps.ts';
import { invalid } from '../../http/problem.ts';
import { readFilter, type FilterInput } from './people-filter.ts';
import { countPeopleWithin, selectPeoplePage } from './people-search.repo.ts';
import { toPersonViews, type PersonView } from './people.service.ts';

export interface SearchInput extends FilterInput {
  limit?: number | undefined;
  /** The `next_cursor` of the previous page. */
  cursor?: string | undefined;
  /** The list's first paging, oldest first: ids above this one, answered with `next_after`. */
  after?: number | undefined;
}

export interface SearchPage {
  items: PersonView[];
  total: number;
  /** Present (true) when counting exactly took longer than a page may, and `total` is the database's estimate. */
  total_is_estimate?: true;
  /** Pass as `cursor` for the next page; null on the last one. */
  next_cursor: string | null;
  next_after?: number;
}

export const MAX_PAGE = 500;
/**
 * How long the total may take before the list answers with an estimate instead: the page itself is read
 * meanwhile, so the whole answer stays well within 200 ms at a million supporters (npm run bench:db), where
 * most counts take 20–80 ms and a custom field or a tag with a status over most of the list takes longer.
 */
export const EXACT_TOTAL_BUDGET_MS = 100;

export async function searchPeople(deps: Pick<Deps, 'db'>, input: SearchInput): Promise<SearchPage> {
  const { limit: asked, cursor, after, ...filterInput } = input;
  const limit = Math.min(Math.max(asked ?? 50, 1), MAX_PAGE);
  const filter = readFilter(filterInput);
  const keyset = after !== undefined ? { afterId: after } : { beforeId: readCursor(cursor) };
  const [rows, counted] = await Promise.all([
    selectPeoplePage(deps.db, filter, keyset, limit + 1), countPeopleWithin(deps.db, filter, EXACT_TOTAL_BUDGET_MS),
  ]);
  const page = rows.slice(0, limit);
  const items = await toPersonViews(deps, page);
  const more = rows.length > limit;
  const total = { total: counted.count, ...(counted.estimated ? { total_is_estimate: true as const } : {}) };
  if (after !== undefined) return { items, ...total, next_cursor: null, ...(more ? { next_after: page.at(-1)!.id } : {}) };
  return { items, ...total, next_cursor: more ? String(page.at(-1)!.id) : null };
}

/** A cursor is the last id of the page before, as text; clients treat it as opaque. */
function readCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^[1-9][0-9]{0,14}$/.test(cursor)) throw invalid([{ name: 'cursor', reason: 'not a cursor this list gave out' }]);
  return Number(cursor);
}
