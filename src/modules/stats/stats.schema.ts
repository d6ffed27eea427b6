// The API's shapes for statistics, published through /api/openapi.json.
import { Type } from 'typebox';

const count = Type.Integer({ minimum: 0 });

export const StormStatsParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const StormStats = Type.Object({
  views: Type.Integer({ minimum: 0, description: 'Views of the action page' }),
  supporters: Type.Integer({ minimum: 0, description: 'Distinct people (from their email link) and anonymous visitors seen on the page' }),
  posts: Type.Object({
    total: Type.Integer({ minimum: 0, description: 'Posts started: presses of a network\'s button while the storm was on' }),
    by_network: Type.Object({
      x: count, bluesky: count, mastodon: count, threads: count, facebook: count,
      linkedin: count, whatsapp: count, telegram: count, email: count,
    }),
    by_variant: Type.Array(Type.Object({ variant_id: Type.Integer(), position: Type.Integer(), text: Type.String(), posts: count })),
    by_target: Type.Array(Type.Object({ target_id: Type.Integer(), name: Type.String(), posts: count }), {
      description: 'Posts started per official the storm addresses, in the storm\'s order; one an edit took out is listed while it has posts',
    }),
    per_minute: Type.Array(Type.Object({ minute: Type.String({ description: 'YYYY-MM-DDTHH:MM in UTC' }), posts: count })),
  }),
  public_posts: Type.Object({
    total: Type.Integer({ minimum: 0, description: 'Public posts carrying the storm\'s hashtags, made during its window, found on Bluesky (search) and Mastodon (the storm\'s servers\' hashtag timelines); each post once' }),
    by_network: Type.Object({ bluesky: count, mastodon: count }),
    per_minute: Type.Array(Type.Object({ minute: Type.String({ description: 'YYYY-MM-DDTHH:MM in UTC, by the post\'s own time' }), bluesky: count, mastodon: count })),
    reported: Type.Object({
      total: Type.Integer({ minimum: 0, description: 'Links to their posts that supporters pasted on the action page ("I posted"), each link once' }),
      by_network: Type.Object({ x: count, bluesky: count, mastodon: count, threads: count, facebook: count, linkedin: count }),
    }, { description: 'What supporters told us; X has no free read API, so this and the button presses are its only evidence' }),
  }),
});
