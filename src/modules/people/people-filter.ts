// Which people a list, a count, a bulk change or an export is about: the supporter list's filters, read from
// a query string (`field.NAME=VALUE` for custom fields) or from a JSON body, checked, and combined with AND.
import type { SubscriptionStatus } from '../../db/schema.ts';
import { invalid } from '../../http/problem.ts';
import { normaliseEmail } from './email-address.ts';

export interface PeopleFilter {
  /** Start of an address, a given name or a family name (case ignored); "Ada Lov" matches Ada Lovelace. */
  q?: string;
  /** People with any of these tags. */
  tags?: string[];
  /** People with any of these statuses. */
  statuses?: SubscriptionStatus[];
  languages?: string[];
  countries?: string[];
  /** Custom field name → value; every one must match exactly. */
  fields?: Record<string, string>;
  /** The one person with this address (normalised). */
  email?: string;
}

/** What the API takes, in a query string or a body. */
export interface FilterInput {
  q?: string | undefined;
  tag?: string[] | undefined;
  status?: SubscriptionStatus[] | undefined;
  language?: string[] | undefined;
  country?: string[] | undefined;
  email?: string | undefined;
  /** Custom fields as a body gives them: `{ "field": { "Phone": "…" } }`. */
  field?: Record<string, string> | undefined;
  /** …or as a query string does: `field.Phone=…` (any other key is ignored). */
  [key: string]: unknown;
}

const FIELD_PREFIX = 'field.';
export const MAX_FIELD_FILTERS = 10;
export const MAX_FIELD_NAME_LENGTH = 200;

export function readFilter(input: FilterInput): PeopleFilter {
  const filter: PeopleFilter = {};
  const q = input.q?.trim().normalize('NFC');
  if (q) filter.q = q;
  const tags = clean(input.tag);
  if (tags.length > 0) filter.tags = tags;
  if (input.status && input.status.length > 0) filter.statuses = [...new Set(input.status)];
  const languages = clean(input.language);
  if (languages.length > 0) filter.languages = languages;
  const countries = clean(input.country);
  if (countries.length > 0) filter.countries = countries;
  if (input.email !== undefined) filter.email = normaliseEmail(input.email);
  const fields = readFields(input);
  if (Object.keys(fields).length > 0) filter.fields = fields;
  return filter;
}

function clean(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim().normalize('NFC')).filter((v) => v !== ''))];
}

function readFields(input: FilterInput): Record<string, string> {
  const pairs: [string, unknown][] = Object.entries(input.field ?? {});
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith(FIELD_PREFIX)) pairs.push([key.slice(FIELD_PREFIX.length), value]);
  }
  if (pairs.length > MAX_FIELD_FILTERS) {
    throw invalid([{ name: 'field', reason: `at most ${MAX_FIELD_FILTERS} custom field filters` }]);
  }
  const fields: Record<string, string> = {};
  for (const [rawName, value] of pairs) {
    // custom fields are stored under the import's header as written: trimmed and NFC, so compared that way
    const name = rawName.trim().normalize('NFC');
    if (name === '' || name.length > MAX_FIELD_NAME_LENGTH) {
      throw invalid([{ name: `field.${rawName}`, reason: `a custom field's name must have 1 to ${MAX_FIELD_NAME_LENGTH} characters` }]);
    }
    // a repeated query parameter arrives as an array: a person has one value per field, so that is a mistake
    if (typeof value !== 'string') throw invalid([{ name: `field.${name}`, reason: 'give one value' }]);
    fields[name] = value.trim().normalize('NFC');
  }
  return fields;
}
