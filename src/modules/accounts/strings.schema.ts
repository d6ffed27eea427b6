// The API's shapes for the public strings an organisation may word its own way.
import { Type } from 'typebox';

export const StringsLanguage = Type.Object({
  lang: Type.String({ maxLength: 35, description: 'A shipped language: en, tr, ug, zh-Hans' }),
});

export const StringOverrides = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 2_000 }), {
  description: 'Message key → ICU MessageFormat text. Replaces every override of the language; {} removes them.',
});

export const PublicStringsView = Type.Object({
  language: Type.String(),
  overrides: Type.Record(Type.String(), Type.String(), { description: "The organisation's own wording, by key" }),
  defaults: Type.Record(Type.String(), Type.String(), { description: 'What Outcry ships, by key' }),
});
