// The API's shapes for acting on many people at once: tagging, and the CSV export.
import { Type } from 'typebox';
import { customFieldParameters, FilterFields, PeopleFilterBody } from './people.schema.ts';

const tagList = (description: string) => Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50, description });

export const BulkTagBody = Type.Object({
  ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10_000, description: 'These people…' })),
  filter: Type.Optional(PeopleFilterBody),
  add: Type.Optional(tagList('Tags to give them')),
  remove: Type.Optional(tagList('Tags to take away')),
}, { additionalProperties: false, description: 'Either ids or filter (the list\'s filters; {} is everyone)' });

export const BulkTagResult = Type.Object({
  changed: Type.Integer({ description: 'How many people gained or lost a tag' }),
});

/** The list's filters without its paging. */
export const ExportQuery = Type.Object(FilterFields, { patternProperties: customFieldParameters });

export const CsvFile = {
  // Unknown rather than String: the file is sent as a stream, never as one string
  content: { 'text/csv': { schema: Type.Unknown({ type: 'string', description: 'UTF-8 with a BOM, CRLF line ends; cells a spreadsheet would run as formulas start with \'' }) } },
};
