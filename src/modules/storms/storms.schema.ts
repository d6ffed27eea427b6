// The API's shapes for storms, published through /api/openapi.json.
import { Type } from 'typebox';

export const StormId = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const fields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  slug: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+$', description: 'The page address: /s/{slug}. Lower-case letters, digits and hyphens; unique' }),
  starts_at: Type.String({ format: 'date-time', description: 'ISO 8601 with an offset, e.g. 2022-02-20T12:00:00Z' }),
  ends_at: Type.String({ format: 'date-time', description: 'ISO 8601 with an offset; after starts_at' }),
  hashtags: Type.Array(Type.String({ minLength: 1, maxLength: 140 }), { maxItems: 30, description: 'With or without "#"; added to each message that does not carry them' }),
  messages: Type.Array(Type.Object({
    text: Type.String({ minLength: 1, maxLength: 5000, description: 'May hold the slots {target}, {hashtag} and {link}, filled per supporter; {{ and }} for a literal brace' }),
    weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Its share of new supporters relative to the others\' weights; default 1' })),
  }), {
    minItems: 1, maxItems: 100,
    description: 'The variants supporters are spread over, each new supporter getting the one furthest below its share. Each, with the hashtags and article link and its slots at their longest, must fit on X (280), Bluesky (300) and Mastodon (500)',
  }),
  article_url: Type.String({ maxLength: 2000, description: 'An article to link in each post and to offer when the storm is over' }),
  article: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ minLength: 1, maxLength: 100 })], { description: 'One of our articles (/api/v1/articles), by id (a number) or slug, instead of article_url: its page /a/{slug} becomes the article link' }),
  timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone the page writes the start time in; default UTC' }),
  language: Type.String({ minLength: 1, maxLength: 35, description: 'BCP 47 tag of the storm (sets the page\'s lang and direction); default en' }),
  targets: Type.Array(Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100, description: 'What networks without mentions (Facebook, LinkedIn, WhatsApp, Telegram, email) say for {target}' }),
    handles: Type.Optional(Type.Object({
      x: Type.Optional(Type.String({ maxLength: 100, description: '@name' })),
      bluesky: Type.Optional(Type.String({ maxLength: 260, description: '@name.bsky.social, or the account\'s own domain' })),
      mastodon: Type.Optional(Type.String({ maxLength: 300, description: '@user@instance' })),
      threads: Type.Optional(Type.String({ maxLength: 100, description: '@name' })),
    }, { additionalProperties: false })),
  }, { additionalProperties: false }), { maxItems: 50, description: 'Officials the storm addresses: {target} in a message says one of them per supporter, in each network\'s own handle format, spread evenly' }),
  mastodon_instances: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20, description: 'Mastodon servers whose public hashtag timelines are read for the storm\'s posts (host names such as "mastodon.social", or base URLs); default ["mastodon.social"]' }),
  translations: Type.Array(Type.Object({
    language: Type.String({ minLength: 1, maxLength: 35, description: 'BCP 47 tag; visitors of this language (same language and script) get this version' }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    messages: Type.Array(Type.Object({ text: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }), {
      maxItems: 100, description: 'One text for each of the storm\'s messages, in the same order: the same variant in this language (same slots, same length rules)',
    }),
    article_url: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { description: 'An article in this language; the storm\'s when absent' })),
  }, { additionalProperties: false }), {
    maxItems: 30,
    description: 'The storm in other languages. Each supporter gets theirs: the language they chose on the page, else their own (language field), else their browser\'s, else the storm\'s. Replaces all translations; a change of `messages` needs them given again',
  }),
  reminder_audience: Type.Union([Type.Literal('requested'), Type.Literal('requested_and_invited')], {
    description: 'Whom the reminder email at the start goes to: those who asked for one on the page (default), or also everyone the storm\'s invitations (messages linking to its page) reached and who is still subscribed',
  }),
};

export const StormInput = Type.Object({
  title: fields.title,
  slug: fields.slug,
  starts_at: fields.starts_at,
  ends_at: fields.ends_at,
  hashtags: fields.hashtags,
  messages: fields.messages,
  article_url: Type.Optional(fields.article_url),
  article: Type.Optional(fields.article),
  timezone: Type.Optional(fields.timezone),
  language: Type.Optional(fields.language),
  targets: Type.Optional(fields.targets),
  mastodon_instances: Type.Optional(fields.mastodon_instances),
  reminder_audience: Type.Optional(fields.reminder_audience),
  translations: Type.Optional(fields.translations),
});

export const StormPatch = Type.Object({
  title: Type.Optional(fields.title),
  slug: Type.Optional(fields.slug),
  starts_at: Type.Optional(fields.starts_at),
  ends_at: Type.Optional(fields.ends_at),
  hashtags: Type.Optional(fields.hashtags),
  messages: Type.Optional(fields.messages),
  article_url: Type.Optional(Type.Union([fields.article_url, Type.Null()], { description: 'null removes the article' })),
  // null first: with type coercion on, a null tried against the id or the slug would become 0 or ''
  article: Type.Optional(Type.Union([Type.Null(), fields.article], { description: 'null removes the article and its link' })),
  timezone: Type.Optional(fields.timezone),
  language: Type.Optional(fields.language),
  targets: Type.Optional(fields.targets),
  mastodon_instances: Type.Optional(fields.mastodon_instances),
  reminder_audience: Type.Optional(fields.reminder_audience),
  translations: Type.Optional(fields.translations),
});

export const StormCreated = Type.Object({ id: Type.Integer(), slug: Type.String(), url: Type.String() });

export const Variant = Type.Object({ id: Type.Integer(), position: Type.Integer({ description: '1-based; ?variant=N on the page' }), text: Type.String(), weight: Type.Integer() });

export const TargetView = Type.Object({
  id: Type.Integer({ description: 'Named by post_started events (target_id)' }),
  name: Type.String(),
  handles: Type.Object({
    x: Type.Optional(Type.String()), bluesky: Type.Optional(Type.String()), mastodon: Type.Optional(Type.String()), threads: Type.Optional(Type.String()),
  }),
});

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
  targets: Type.Array(TargetView),
  mastodon_instances: Type.Array(Type.String()),
  reminder_audience: fields.reminder_audience,
  reminders_requested: Type.Integer({ description: 'How many asked for a reminder on the storm\'s page' }),
  article_url: Type.Union([Type.String(), Type.Null()]),
  article_id: Type.Union([Type.Integer(), Type.Null()], { description: 'The article the storm points at, when it is one of ours' }),
  variants: Type.Array(Variant),
  translations: Type.Array(Type.Object({
    language: Type.String(), title: Type.String(), article_url: Type.Union([Type.String(), Type.Null()]),
    messages: Type.Array(Type.Object({ text: Type.String() })),
  })),
  created_date: Type.String({ format: 'date-time' }),
  modified_date: Type.String({ format: 'date-time' }),
});

export const StormList = Type.Object({ items: Type.Array(StormView) });

export const StormListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only storms with a smaller id (the next page)' })),
});
