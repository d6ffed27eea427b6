// The API's shapes for storms, published through /api/openapi.json.
import { Type } from 'typebox';

export const StormId = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const fields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  slug: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+$', description: 'The page address: /s/{slug}. Lower-case letters, digits and hyphens; unique' }),
  starts_at: Type.String({ format: 'date-time', description: 'ISO 8601 with an offset, e.g. 2022-02-20T12:00:00Z' }),
  ends_at: Type.String({ format: 'date-time', description: 'ISO 8601 with an offset; after starts_at' }),
  hashtags: Type.Array(Type.String({ minLength: 1, maxLength: 140 }), { maxItems: 30, description: 'With or without "#"; added to each message that does not carry them' }),
  messages: Type.Array(Type.Object({ text: Type.String({ minLength: 1, maxLength: 5000 }) }), {
    minItems: 1, maxItems: 100,
    description: 'The variants supporters are spread over. Each, with the hashtags and article link, must fit on X (280), Bluesky (300) and Mastodon (500)',
  }),
  article_url: Type.String({ maxLength: 2000, description: 'An article to link in each post and to offer when the storm is over' }),
  timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone the page writes the start time in; default UTC' }),
  language: Type.String({ minLength: 1, maxLength: 35, description: 'BCP 47 tag of the storm (sets the page\'s lang and direction); default en' }),
  targets: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'Accounts the storm addresses, e.g. "@iocmedia"' }),
  mastodon_instances: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20, description: 'Mastodon servers whose public hashtag timelines are read for the storm\'s posts (host names such as "mastodon.social", or base URLs); default ["mastodon.social"]' }),
};

export const StormInput = Type.Object({
  title: fields.title,
  slug: fields.slug,
  starts_at: fields.starts_at,
  ends_at: fields.ends_at,
  hashtags: fields.hashtags,
  messages: fields.messages,
  article_url: Type.Optional(fields.article_url),
  timezone: Type.Optional(fields.timezone),
  language: Type.Optional(fields.language),
  targets: Type.Optional(fields.targets),
  mastodon_instances: Type.Optional(fields.mastodon_instances),
});

export const StormPatch = Type.Object({
  title: Type.Optional(fields.title),
  slug: Type.Optional(fields.slug),
  starts_at: Type.Optional(fields.starts_at),
  ends_at: Type.Optional(fields.ends_at),
  hashtags: Type.Optional(fields.hashtags),
  messages: Type.Optional(fields.messages),
  article_url: Type.Optional(Type.Union([fields.article_url, Type.Null()], { description: 'null removes the article' })),
  timezone: Type.Optional(fields.timezone),
  language: Type.Optional(fields.language),
  targets: Type.Optional(fields.targets),
  mastodon_instances: Type.Optional(fields.mastodon_instances),
});

export const StormCreated = Type.Object({ id: Type.Integer(), slug: Type.String(), url: Type.String() });

export const Variant = Type.Object({ id: Type.Integer(), position: Type.Integer({ description: '1-based; ?variant=N on the page' }), text: Type.String() });

export const StormView = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  url: Type.String({ description: 'The public action page' }),
  title: Type.String(),
  language: Type.String(),
  timezone: Type.String(),
  starts_at: Type.String({ format: 'date-time' }),
  ends_at: Type.String({ format: 'date-time' }),
  state: Type.Union([Type.Literal('before'), Type.Literal('during'), Type.Literal('after')], { description: 'Where the storm is now in its window' }),
  hashtags: Type.Array(Type.String()),
  targets: Type.Array(Type.String()),
  mastodon_instances: Type.Array(Type.String()),
  article_url: Type.Union([Type.String(), Type.Null()]),
  variants: Type.Array(Variant),
  created_date: Type.String({ format: 'date-time' }),
  modified_date: Type.String({ format: 'date-time' }),
});

export const StormList = Type.Object({ items: Type.Array(StormView) });

export const StormListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only storms with a smaller id (the next page)' })),
});
