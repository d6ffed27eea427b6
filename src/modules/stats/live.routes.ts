// The live streams (Server-Sent Events): GET /s/:slug/live, public, pushes { posted } to the action page's
// counter; GET /api/v1/storms/:id/live pushes the organiser's dashboard snapshot. Both send the value on
// connect and whenever it changes, read at most once a second per storm and process however many watch.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { findStormBySlug, getStormRow } from '../storms/index.ts';
import { LiveSlugParams, LiveSnapshot, LiveStormParams } from './live.schema.ts';
import { dashboardSource, postersSource } from './live-sources.ts';
import { createLiveStreams, type LiveStreams } from './live-streams.ts';

/** A storm's address as storms makes them; anything else is not looked up. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

const streamsOfApp = new WeakMap<FastifyInstance, LiveStreams>();

export function registerLiveRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const streams = createLiveStreams({
    maxStreams: deps.config.liveMaxStreams,
    onError: (err) => deps.log.warn({ err }, 'a live stream could not read its numbers'),
  });
  streamsOfApp.set(root, streams);
  // before the server waits for its connections to end: a stream would never end by itself
  app.addHook('preClose', async () => streams.close());

  // no HEAD: a stream is all these answer
  app.get('/s/:slug/live', { exposeHeadRoute: false, schema: { hide: true, params: LiveSlugParams } }, async (req, reply) => {
    const { slug } = req.params;
    await streams.open(reply, `posted:${slug}`, async () => {
      const storm = SLUG.test(slug) ? await findStormBySlug(deps, slug) : undefined;
      return storm && postersSource(deps, storm.id);
    });
  });

  app.get('/api/v1/storms/:id/live', {
    exposeHeadRoute: false,
    config: { role: 'viewer' },
    schema: {
      tags: ['storms', 'stats'],
      summary: 'A storm\'s live numbers as Server-Sent Events: a snapshot on connect and on every change (at most one a second)',
      params: LiveStormParams,
      response: { 200: { description: 'text/event-stream; each event\'s data is a snapshot', content: { 'text/event-stream': { schema: LiveSnapshot } } } },
    },
  }, async (req, reply) => {
    const { id } = req.params;
    await streams.open(reply, `dashboard:${id}`, async () => {
      await getStormRow(deps, id);
      return dashboardSource(deps, id);
    });
  });
}

/** How many streams and feeds this app holds, and how many reads its feeds made (operators and tests). */
export function liveStreamStats(app: FastifyInstance) {
  return streamsOfApp.get(app)?.stats() ?? { streams: 0, feeds: 0, reads: 0 };
}
