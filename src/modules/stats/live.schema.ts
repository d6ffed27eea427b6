// The organiser's live stream, published through /api/openapi.json: each event's data is a LiveSnapshot, as JSON.
import { Type } from 'typebox';

const count = Type.Integer({ minimum: 0 });

export const LiveSnapshot = Type.Object({
  at: Type.String({ description: 'When the numbers were read (ISO 8601)' }),
  state: Type.Union([Type.Literal('before'), Type.Literal('during'), Type.Literal('after')]),
  posts_started_total: count,
  per_minute: Type.Array(Type.Object({ minute: Type.String({ description: 'The minute\'s start, ISO 8601 UTC' }), count }), {
    description: 'Posts started in each minute of the storm\'s window so far (its last 120 minutes), quiet minutes as 0',
  }),
  per_network: Type.Object({
    x: count, bluesky: count, mastodon: count, threads: count, facebook: count,
    linkedin: count, whatsapp: count, telegram: count, email: count,
  }),
  per_variant: Type.Array(Type.Object({ variant_id: Type.Integer(), label: Type.String({ description: 'Position and the start of the text' }), count })),
  per_target: Type.Array(Type.Object({ target_id: Type.Integer(), name: Type.String({ description: 'The official\'s name' }), count }), {
    description: 'Posts started per official the storm addresses (an official an edit took out, while it has posts); empty without targets',
  }),
  public_posts: Type.Object({ bluesky: count, mastodon: count }, { description: 'Public posts found carrying the storm\'s hashtags' }),
  funnel: Type.Object({
    sent: Type.Integer({ minimum: 0, description: 'Emails delivered whose message links to the action page' }),
    clicked: Type.Integer({ minimum: 0, description: 'People who clicked an emailed link to the page' }),
    page_views: Type.Integer({ minimum: 0, description: 'Views of the action page (everyone, not only from email)' }),
    posts_started: count,
  }),
});

export const LiveStormParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const LiveSlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
