// The API's shapes for people (OSDI's names where OSDI has them), published through /api/openapi.json.
import { Type } from 'typebox';

const Status = Type.Union([
  Type.Literal('subscribed'), Type.Literal('unsubscribed'), Type.Literal('bouncing'), Type.Literal('spam complaint'),
]);
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

export const PeopleQuery = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 320, description: 'The person with this address (case and spaces ignored)' })),
  tag: Type.Optional(tags('People with any of these tags (repeat the parameter for more)')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  after: Type.Optional(Type.Integer({ minimum: 0, description: 'Only people with a larger id: the `next_after` of the previous page' })),
});

export const PeoplePage = Type.Object({
  items: Type.Array(Person),
  next_after: Type.Optional(Type.Integer({ description: 'Present when there are more: pass it as `after`' })),
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
  status: Status,
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'Kept in the subscription history' })),
});
