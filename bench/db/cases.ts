// What the bench times: the calls the product makes when an organiser opens the supporter list and its
// filters, counts a segment, looks at a storm's or a message's numbers or a person's page, and when a
// supporter opens a storm page. HTTP calls go through app.inject (the routes, their schemas and services,
// as a user's request does); the few numbers with no request of their own are the services the routes and
// jobs call. Every case checks its answer, so a fast error is never timed as a fast page.
import type { Deps } from '../../src/deps.ts';
import { listAudienceBatch } from '../../src/modules/people/index.ts';
import { stormLiveSnapshot } from '../../src/modules/stats/index.ts';
import { countStormPosters } from '../../src/modules/tracking/index.ts';

export interface Case {
  name: string;
  what: string;
  run(): Promise<unknown>;
}

export type Get = (url: string) => Promise<any>;

/** The list cases whose total came back as an estimate (counting exactly took longer than the list allows). */
export const estimatedTotals = new Set<string>();

interface Found {
  people: number;
  /** Delivery rows: the recipients of every message. */
  deliveries: number;
  liveStorm: { id: number; slug: string };
  pastStorm: { id: number; slug: string };
  /** The largest message sent to everyone, and one sent to tags. */
  bigMessage: { id: number };
  taggedMessage: { id: number; tags: string[] };
}

/** The storms and messages to look at, found as an organiser would: through the API. */
export async function discover(get: Get): Promise<Found> {
  const storms = (await get('/api/v1/storms?limit=100')).items as { id: number; slug: string }[];
  const messages = (await get('/api/v1/messages?limit=100')).items as { id: number; status: string; total_targeted: number; targets: { tags: string[] } }[];
  const people = (await get('/api/v1/people?limit=1')).total as number;
  const liveStorm = storms.find((s) => s.slug === 'closing-ceremony');
  const pastStorm = storms.find((s) => s.slug === 'storm-2');
  const sent = messages.filter((m) => m.status === 'sent').sort((a, b) => b.total_targeted - a.total_targeted);
  const bigMessage = sent[0];
  const taggedMessage = messages.find((m) => m.targets.tags.length > 0) ?? bigMessage;
  if (!liveStorm || !pastStorm || !bigMessage || !taggedMessage) throw new Error('this database was not built by bench/db.ts (storms or messages missing)');
  const deliveries = messages.reduce((sum, m) => sum + m.total_targeted, 0);
  return { people, deliveries, liveStorm, pastStorm, bigMessage, taggedMessage: { id: taggedMessage.id, tags: taggedMessage.targets.tags } };
}

export function benchCases(deps: Deps, get: Get, found: Found): Case[] {
  const { people, liveStorm, pastStorm, bigMessage, taggedMessage } = found;
  const middle = Math.floor(people / 2);
  const list = (name: string, query: string) => async () => {
    const body = await get(`/api/v1/people?${query}`);
    if (body.items.length === 0 || typeof body.total !== 'number') throw new Error(`/api/v1/people?${query}: unexpected answer`);
    if (body.total_is_estimate) estimatedTotals.add(name);
    return body;
  };
  return [
    { name: 'people_list', what: 'GET /api/v1/people (first page of 50, with the total)', run: list('people_list', 'limit=50') },
    { name: 'people_tag_common', what: '… ?tag= the most common tag (~45%)', run: list('people_tag_common', 'limit=50&tag=newsletter') },
    { name: 'people_tag_rare', what: '… ?tag= the rarest tag (~1.5%)', run: list('people_tag_rare', 'limit=50&tag=board') },
    { name: 'people_status_language', what: '… ?status=subscribed&language=tr', run: list('people_status_language', 'limit=50&status=subscribed&language=tr') },
    { name: 'people_country', what: '… ?country=DE', run: list('people_country', 'limit=50&country=DE') },
    { name: 'people_custom_field', what: '… ?field.volunteer=yes (~12%)', run: list('people_custom_field', 'limit=50&field.volunteer=yes') },
    { name: 'people_q_prefix', what: '… ?q=meh (name or address prefix)', run: list('people_q_prefix', 'limit=50&q=meh') },
    { name: 'people_tag_and_language', what: '… ?tag=volunteers&language=ug&status=subscribed', run: list('people_tag_and_language', 'limit=50&tag=volunteers&language=ug&status=subscribed') },
    { name: 'people_subscribed', what: '… ?status=subscribed (the segment "everyone", ~88%)', run: list('people_subscribed', 'limit=50&status=subscribed') },
    {
      name: 'people_tags_subscribed', what: `… ?tag=${taggedMessage.tags.join('&tag=')}&status=subscribed (a message's audience)`,
      run: list('people_tags_subscribed', `limit=50&status=subscribed&${taggedMessage.tags.map((t) => `tag=${encodeURIComponent(t)}`).join('&')}`),
    },
    { name: 'people_deep_page', what: `… ?cursor=${middle} (a page half-way down)`, run: list('people_deep_page', `limit=50&cursor=${middle}`) },
    { name: 'people_tag_deep_page', what: `… ?tag=artists&cursor=${middle}`, run: list('people_tag_deep_page', `limit=50&tag=artists&cursor=${middle}`) },
    { name: 'person', what: 'GET /api/v1/people/:id', run: () => get(`/api/v1/people/${middle}`) },
    {
      name: 'person_history', what: 'GET /api/v1/people/:id/history',
      run: async () => {
        const body = await get(`/api/v1/people/${middle}/history`);
        if (!Array.isArray(body.items) || body.items.length === 0) throw new Error('history: no items');
        return body;
      },
    },
    {
      name: 'audience_batch', what: 'listAudienceBatch(tags, half-way, 500): one batch of a send being enqueued',
      run: () => listAudienceBatch(deps, taggedMessage.tags, middle, 500),
    },
    { name: 'storm_stats_live', what: `GET /api/v1/storms/${liveStorm.id}/stats (the live storm)`, run: () => get(`/api/v1/storms/${liveStorm.id}/stats`) },
    { name: 'storm_stats_past', what: `GET /api/v1/storms/${pastStorm.id}/stats (a past storm)`, run: () => get(`/api/v1/storms/${pastStorm.id}/stats`) },
    { name: 'storm_live_snapshot', what: 'stormLiveSnapshot (what /api/v1/storms/:id/live pushes)', run: () => stormLiveSnapshot(deps, liveStorm.id) },
    { name: 'storm_posters', what: 'countStormPosters (the counter on the live page, read once a second)', run: () => countStormPosters(deps, liveStorm.id) },
    { name: 'storm_page_after', what: `GET /s/${pastStorm.slug} (a finished storm's page counts its posters)`, run: () => get(`/s/${pastStorm.slug}`) },
    { name: 'message_stats', what: `GET /api/v1/messages/${bigMessage.id} (statistics of the largest send)`, run: () => get(`/api/v1/messages/${bigMessage.id}`) },
    { name: 'messages_list', what: 'GET /api/v1/messages', run: () => get('/api/v1/messages') },
  ];
}
