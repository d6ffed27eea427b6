// Tagging and untagging many people at once: the ones chosen by id in the list, or everyone a filter
// selects (a segment of 100,000 is fine). Worked through in batches of a thousand, each in its own
// transaction, walking the set by id so tags changed on the way do not move anyone in or out of it.
import type { Deps } from '../../deps.ts';
import { invalid } from '../../http/problem.ts';
import { MAX_TAG_LENGTH } from './import-row.ts';
import { readFilter, type FilterInput } from './people-filter.ts';
import { selectPeopleIds } from './people-search.repo.ts';
import { touchPeople } from './people.repo.ts';
import { addTags, removeTags, selectExistingIds } from './person-tags.repo.ts';

export interface BulkTagInput {
  ids?: number[] | undefined;
  filter?: FilterInput | undefined;
  add?: string[] | undefined;
  remove?: string[] | undefined;
}

const BATCH = 1000;

/** Returns how many people's tags changed. */
export async function tagPeople(deps: Pick<Deps, 'db' | 'clock'>, input: BulkTagInput): Promise<{ changed: number }> {
  if ((input.ids === undefined) === (input.filter === undefined)) {
    throw invalid([{ name: 'ids', reason: 'give either ids or filter (a filter of {} means everyone)' }]);
  }
  const add = cleanTags(input.add, 'add');
  const remove = cleanTags(input.remove, 'remove');
  if (add.length === 0 && remove.length === 0) throw invalid([{ name: 'add', reason: 'give tags to add or to remove' }]);
  const both = add.find((t) => remove.includes(t));
  if (both) throw invalid([{ name: 'remove', reason: `"${both}" is both added and removed` }]);

  let changed = 0;
  const apply = async (ids: number[]) => {
    changed += await deps.db.transaction().execute(async (trx) => {
      const gained = await addTags(trx, ids, add);
      const lost = await removeTags(trx, ids, remove);
      const people = [...new Set([...gained, ...lost])];
      await touchPeople(trx, people, deps.clock.now().toISOString());
      return people.length;
    });
  };

  if (input.ids !== undefined) {
    const ids = [...new Set(input.ids)];
    for (let i = 0; i < ids.length; i += BATCH) await apply(await selectExistingIds(deps.db, ids.slice(i, i + BATCH)));
    return { changed };
  }
  const filter = readFilter(input.filter!);
  let beforeId: number | undefined;
  for (;;) {
    const ids = await selectPeopleIds(deps.db, filter, beforeId, BATCH);
    if (ids.length === 0) break;
    await apply(ids);
    beforeId = ids.at(-1)!;
  }
  return { changed };
}

/** Tags as the import stores them: trimmed, NFC; the characters an import splits tags on are refused. */
function cleanTags(tags: string[] | undefined, name: string): string[] {
  const clean = [...new Set((tags ?? []).map((t) => t.trim().normalize('NFC')))];
  for (const tag of clean) {
    if (tag === '' || [...tag].length > MAX_TAG_LENGTH) throw invalid([{ name, reason: `a tag must have 1 to ${MAX_TAG_LENGTH} characters` }]);
    if (/[,;|]/.test(tag)) throw invalid([{ name, reason: `"${tag}": a tag cannot contain , ; or | (an import would split it there)` }]);
  }
  return clean;
}
