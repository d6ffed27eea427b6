// The API's shapes for people (OSDI's names where OSDI has them), published through /api/openapi.json.
import { Type } from 'typebox';

const SettableStatus = Type.Union([
  Type.Literal('subscribed'), Type.Literal('unsubscribed'), Type.Literal('bouncing'), Type.Literal('spam complaint'),
]);
// 'reminder only' is given by asking for a storm's reminder, never set by an organiser
const Status = Type.Union([...SettableStatus.anyOf, Type.Literal('reminder only')]);
const Text = Type.Union([Type.String(), Type.Null()]);
const tags = (description: string) => Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50, description });

export const PersonId = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const Person = Type.Object({
  id: Type.Integer(),
  given_name: Text,
  family_name: Text,
  email_addresses: Type.Array(Type.Object({ address: Type.String(), status: Status, primary: Type.Boolean() })),
  tags: Type.Array(Type.String()),
  language: Text,
  country: Text,
  postal_code: Text,
  custom_fields: Type.Record(Type.String(), Type.String(), { description: 'Columns of an import that are not fields of their own, by header' }),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

const values = (description: string, maxLength = 100) => Type.Array(Type.String({ maxLength }), { maxItems: 50, description });

/** The supporter list's filters, combined with AND; within one, repeated values mean any of them. */
export const FilterFields = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'The start of an address, a given name or a family name, case ignored; "Ada Lov" also matches given name Ada with family name Lovelace' })),
  tag: Type.Optional(tags('People with any of these tags (repeat the parameter for more)')),
  status: Type.Optional(Type.Array(Status, { maxItems: 5, description: 'People with any of these statuses' })),
  language: Type.Optional(values('People with any of these languages, as stored (en, en-GB…)', 35)),
  country: Type.Optional(values('People in any of these countries, as stored')),
  email: Type.Optional(Type.String({ maxLength: 320, description: 'The person with this address (case and spaces ignored)' })),
};

/** `field.NAME=VALUE`: people whose custom field NAME (the import's column header) is exactly VALUE. */
export const customFieldParameters = { '^field\\..+$': Type.String({ maxLength: 5000 }) };

export const PeopleQuery = Type.Object({
  ...FilterFields,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 20, description: 'The `next_cursor` of the previous page' })),
  after: Type.Optional(Type.Integer({ minimum: 0, description: 'Instead of a cursor, oldest first: people with a larger id than the `next_after` of the previous page' })),
}, { patternProperties: customFieldParameters });

export const PeopleFilterBody = Type.Object({
  ...FilterFields,
  field: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.String({ maxLength: 5000 }), {
    description: 'Custom field name → exact value', maxProperties: 10,
  })),
}, { patternProperties: customFieldParameters, additionalProperties: false });

export const PeoplePage = Type.Object({
  items: Type.Array(Person),
  total: Type.Integer({ description: 'How many people the filters select, across every page' }),
  total_is_estimate: Type.Optional(Type.Literal(true, {
    description: 'Present when counting exactly would have taken too long (a large segment on PostgreSQL): `total` is then the database\'s estimate',
  })),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last' }),
  next_after: Type.Optional(Type.Integer({ description: 'With `after`: present when there are more; pass it as `after`' })),
});

export const ImportQuery = Type.Object({
  tag: Type.Optional(tags('Tags added to every imported person (repeat the parameter for more)')),
});

const csv = {
  schema: Type.Unknown({
    description: 'A CSV file in UTF-8 (with or without BOM) whose first row names the columns. An email column is required; '
      + 'first_name, last_name, language, country, zip and tags (separated by , ; or |) are recognised under the names '
      + 'Action Network, Mailchimp and NationBuilder exports use; any other column becomes a custom field.',
    contentMediaType: 'text/csv',
  }),
};

/** The request body of an import: the CSV itself, read as a stream (so not validated as JSON). */
export const ImportBody = { content: { 'text/csv': csv, 'application/csv': csv } };

export const ImportResult = Type.Object({
  imported: Type.Integer({ description: 'New people, subscribed by this import' }),
  updated: Type.Integer({ description: 'People already stored, matched by address; empty cells left their values alone and their subscription status is kept' }),
  rejected: Type.Array(Type.Object({
    row: Type.Integer({ description: 'Spreadsheet row: the header is row 1; a quoted multi-line cell stays in one row' }),
    field: Type.Union([Type.String(), Type.Null()], { description: 'null when the row as a whole is at fault' }),
    reason: Type.String(),
  })),
});

export const SubscriptionInput = Type.Object({
  status: SettableStatus,
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'Kept in the subscription history' })),
});
