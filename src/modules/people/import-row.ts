// One data row of an imported CSV read into a person, or the reason it cannot be.
import { emailAddressProblem, normaliseEmail } from './email-address.ts';
import type { HeaderMap } from './import-headers.ts';

export const MAX_NAME_LENGTH = 200;
export const MAX_TAG_LENGTH = 200;
const MAX_LENGTH = { language: 35, country: 100, postal_code: 40, custom: 5000 } as const;

export interface ImportedPerson {
  /** The row it came from (the last one, when a file names the same address twice). */
  row: number;
  email: string;
  /** Only the fields with a value in the file: an empty cell never overwrites what is stored. */
  given_name?: string;
  family_name?: string;
  language?: string;
  country?: string;
  postal_code?: string;
  custom_fields: Record<string, string>;
  tags: string[];
}

export interface Rejection {
  row: number;
  /** The field at fault, or null when the row as a whole is (its cells do not line up with the header). */
  field: string | null;
  reason: string;
}

export type RowResult = { person: ImportedPerson } | { rejection: Rejection } | { blank: true };

/** Tags as written in one cell: separated by `,` `;` or `|`, trimmed, empty ones dropped. */
export function splitTags(cell: string): string[] {
  return [...new Set(cell.split(/[,;|]/).map((t) => t.trim().normalize('NFC')).filter((t) => t !== ''))];
}

/** Cell text as stored: trimmed and NFC-normalised, otherwise exactly as written (any script). */
function clean(cell: string | undefined): string {
  return (cell ?? '').trim().normalize('NFC');
}

function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

const length = (s: string) => [...s].length;

export function readRow(cells: readonly string[], map: HeaderMap, row: number): RowResult {
  // Blank lines and rows of empty cells (spreadsheets export them at the end) are not people.
  if (cells.every((c) => c.trim() === '')) return { blank: true };
  // A row longer than the header only by empty cells (a trailing comma) still lines up; any other
  // difference means the cells may have shifted, so the row is refused rather than stored in the wrong fields.
  const width = map.headers.length;
  if (cells.length < width || cells.slice(width).some((c) => c.trim() !== '')) {
    return { rejection: { row, field: null, reason: `has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'} where the header has ${width}` } };
  }
  const cell = (index: number | undefined) => (index === undefined ? '' : clean(cells[index]));

  const written = cell(map.fields.email);
  if (written === '') return { rejection: { row, field: 'email', reason: 'missing' } };
  const email = normaliseEmail(written);
  const problem = emailAddressProblem(email);
  if (problem) return { rejection: { row, field: 'email', reason: `not a valid address (${quoted(written)}): ${problem}` } };

  const person: ImportedPerson = { row, email, custom_fields: {}, tags: [] };
  for (const field of ['given_name', 'family_name'] as const) {
    const value = cell(map.fields[field]);
    if (length(value) > MAX_NAME_LENGTH) return { rejection: { row, field, reason: `longer than ${MAX_NAME_LENGTH} characters` } };
    if (value !== '') person[field] = value;
  }
  for (const field of ['language', 'country', 'postal_code'] as const) {
    const value = cell(map.fields[field]);
    if (length(value) > MAX_LENGTH[field]) return { rejection: { row, field, reason: `longer than ${MAX_LENGTH[field]} characters` } };
    if (value !== '') person[field] = value;
  }
  person.tags = splitTags(cell(map.fields.tags));
  const longTag = person.tags.find((t) => length(t) > MAX_TAG_LENGTH);
  if (longTag) return { rejection: { row, field: 'tags', reason: `the tag ${quoted(longTag)} is longer than ${MAX_TAG_LENGTH} characters` } };
  for (const { index, key } of map.custom) {
    const value = cell(index);
    if (length(value) > MAX_LENGTH.custom) return { rejection: { row, field: key, reason: `longer than ${MAX_LENGTH.custom} characters` } };
    if (value !== '') person.custom_fields[key] = value;
  }
  return { person };
}

/** Two rows for the same address: the later row's non-empty values win, tags and custom fields add up. */
export function mergeRows(earlier: ImportedPerson, later: ImportedPerson): ImportedPerson {
  // a row only carries the fields it has a value for, so spreading keeps the earlier value where the later is empty
  return {
    ...earlier,
    ...later,
    custom_fields: { ...earlier.custom_fields, ...later.custom_fields },
    tags: [...new Set([...earlier.tags, ...later.tags])],
  };
}
