// Which column of an imported CSV holds what: the header names real exports use (Action Network,
// Mailchimp, NationBuilder) mapped to our fields; every other column becomes a custom field.

export type PersonField = 'email' | 'given_name' | 'family_name' | 'language' | 'country' | 'postal_code' | 'tags';

/** Aliases in their compared form: lower-case without spaces, underscores or hyphens. */
const ALIASES: Record<PersonField, readonly string[]> = {
  email: ['email', 'emailaddress'],
  given_name: ['firstname', 'givenname'],
  family_name: ['lastname', 'familyname', 'surname'],
  language: ['language', 'lang', 'preferredlanguage'],
  country: ['country', 'countrycode'],
  postal_code: ['zip', 'zipcode', 'postcode', 'postalcode'],
  tags: ['tags', 'taglist'],
};

const FIELD_BY_ALIAS = new Map<string, PersonField>(
  Object.entries(ALIASES).flatMap(([field, aliases]) => aliases.map((a) => [a, field as PersonField] as const)),
);

export interface HeaderMap {
  /** The header cells as written (trimmed), one per column. */
  headers: string[];
  /** Column index of each of our fields found in the header. */
  fields: Partial<Record<PersonField, number>>;
  /** Columns kept as custom fields: index and the key (the header as written). */
  custom: { index: number; key: string }[];
}

/** The compared form of a header: "Email Address", "email_address" and "E-Mail" all become "emailaddress"/"email". */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Maps a header row. When two columns mean the same field, the first wins and the other is kept as a custom
 * field, so nothing in the file is silently dropped. Columns with an empty header are ignored: they have no
 * name to keep their values under.
 */
export function mapHeaders(cells: readonly string[]): HeaderMap {
  const headers = cells.map((c) => c.trim().normalize('NFC'));
  const fields: HeaderMap['fields'] = {};
  const custom: HeaderMap['custom'] = [];
  headers.forEach((header, index) => {
    if (header === '') return;
    const field = FIELD_BY_ALIAS.get(headerKey(header));
    if (field && fields[field] === undefined) fields[field] = index;
    else custom.push({ index, key: header });
  });
  return { headers, fields, custom };
}
