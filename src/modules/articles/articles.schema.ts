// The API's shapes for articles, published through /api/openapi.json.
import { Type } from 'typebox';

export const ArticleId = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const count = Type.Integer({ minimum: 0 });

const fields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  slug: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+$', description: 'The page address: /a/{slug}. Lower-case letters, digits and hyphens; unique; fixed once the article exists' }),
  summary: Type.String({ maxLength: 500, description: 'A sentence or two: the page\'s description and the link preview\'s (og:description)' }),
  body: Type.String({ maxLength: 100_000, description: 'Markdown. Raw HTML is shown as text; links may be http(s) or mailto only; no images' }),
  external_url: Type.String({ maxLength: 2000, description: 'Instead of a body: the article lives here, and /a/{slug} counts the visit and redirects' }),
  image_url: Type.String({ maxLength: 2000, description: 'An image for link previews (og:image). The page shows it only when it is on this server; upload one with PUT …/image to show it' }),
  image_alt: Type.String({ maxLength: 300, description: 'What the image shows, for people who cannot see it' }),
  language: Type.String({ minLength: 1, maxLength: 35, description: 'BCP 47 tag of the article (its page\'s lang and direction); default en' }),
};

const nullable = <T extends ReturnType<typeof Type.String>>(t: T, description: string) => Type.Union([t, Type.Null()], { description });

export const ArticleInput = Type.Object({
  title: fields.title,
  slug: fields.slug,
  summary: Type.Optional(fields.summary),
  body: Type.Optional(fields.body),
  external_url: Type.Optional(fields.external_url),
  image_url: Type.Optional(fields.image_url),
  image_alt: Type.Optional(fields.image_alt),
  language: Type.Optional(fields.language),
});

export const ArticlePatch = Type.Object({
  title: Type.Optional(fields.title),
  slug: Type.Optional(fields.slug),
  summary: Type.Optional(fields.summary),
  body: Type.Optional(nullable(fields.body, 'A body replaces an external_url')),
  external_url: Type.Optional(nullable(fields.external_url, 'An external_url replaces the body')),
  image_url: Type.Optional(nullable(fields.image_url, 'null removes it')),
  image_alt: Type.Optional(fields.image_alt),
  language: Type.Optional(fields.language),
});

export const ArticleCreated = Type.Object({ id: Type.Integer(), slug: Type.String(), url: Type.String() });

export const ArticleView = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  url: Type.String({ description: 'The public page, /a/{slug}' }),
  title: Type.String(),
  summary: Type.String(),
  body: Type.Union([Type.String(), Type.Null()]),
  external_url: Type.Union([Type.String(), Type.Null()]),
  image_url: Type.Union([Type.String(), Type.Null()]),
  image_alt: Type.String(),
  image: Type.Union([Type.Object({ url: Type.String(), content_type: Type.String(), bytes: count }), Type.Null()], { description: 'The uploaded image, served from this server' }),
  language: Type.String(),
  created_date: Type.String({ format: 'date-time' }),
  modified_date: Type.String({ format: 'date-time' }),
});

export const ArticleList = Type.Object({ items: Type.Array(ArticleView) });

export const ArticleListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only articles with a smaller id (the next page)' })),
});

export const ArticleStats = Type.Object({
  visits: Type.Integer({ minimum: 0, description: 'Visits of /a/{slug} (for an article elsewhere: of the redirect)' }),
  shares: Type.Integer({ minimum: 0, description: 'Presses of a network\'s share button under the article' }),
  shares_by_network: Type.Object({
    x: count, bluesky: count, mastodon: count, threads: count, facebook: count,
    linkedin: count, whatsapp: count, telegram: count, email: count,
  }),
  arrivals_via_shares: Type.Integer({ minimum: 0, description: 'People and visitors who arrived through someone\'s share link (/a/{slug}?via=…), each once per link; the sharer\'s own clicks not counted' }),
  top_sharers: Type.Array(Type.Object({
    person_id: Type.Union([Type.Integer(), Type.Null()], { description: 'The person, when they came from their email; null for an anonymous visitor' }),
    shares: count,
    arrivals: Type.Integer({ minimum: 0, description: 'People and visitors their link brought, each once' }),
    generation: Type.Integer({ minimum: 1, description: '1: they did not arrive through a share; 2: through a first-generation sharer\'s link; …' }),
  }), { description: 'Up to 20 sharers, by arrivals brought, then by shares' }),
  chain_depth_max: Type.Integer({ minimum: 0, description: 'The longest chain of sharers (A shared, B arrived and shared: 2); 0 when nobody shared' }),
});
