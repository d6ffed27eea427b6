// The supporter list as a CSV file for a spreadsheet: the filtered people, newest first, read from the
// database a batch at a time and written as they are read, so a million people never sit in memory.
// One column per field, then one per custom field any of them has (named by its import header).
import type { Deps } from '../../deps.ts';
import { CSV_BOM, csvLine } from './csv-text.ts';
import { readFilter, type FilterInput } from './people-filter.ts';
import { selectCustomFieldKeys, selectPeoplePage } from './people-search.repo.ts';
import { selectTagsOf } from './people.repo.ts';

const COLUMNS = ['email', 'given_name', 'family_name', 'language', 'country', 'postal_code', 'tags', 'status', 'id', 'created_at', 'updated_at'] as const;
const BATCH = 1000;

/**
 * Checks the filters and reads the custom field names before anything is sent, so a bad filter is a
 * problem reply rather than a broken download; then gives the file as chunks of text.
 */
export async function exportPeopleCsv(deps: Pick<Deps, 'db'>, input: FilterInput): Promise<AsyncIterable<string>> {
  const filter = readFilter(input);
  const custom = await selectCustomFieldKeys(deps.db, filter);
  return (async function* () {
    yield CSV_BOM + csvLine([...COLUMNS, ...custom]);
    let beforeId: number | undefined;
    for (;;) {
      const people = await selectPeoplePage(deps.db, filter, { beforeId }, BATCH);
      if (people.length === 0) return;
      const tags = await selectTagsOf(deps.db, people.map((p) => p.id));
      yield people.map((p) => {
        const fields = JSON.parse(p.custom_fields) as Record<string, string>;
        return csvLine([
          p.email, p.given_name, p.family_name, p.language, p.country, p.postal_code, (tags.get(p.id) ?? []).join(', '),
          p.status, p.id, new Date(p.created_at).toISOString(), new Date(p.updated_at).toISOString(),
          ...custom.map((key) => fields[key]),
        ]);
      }).join('');
      beforeId = people.at(-1)!.id;
    }
  })();
}
