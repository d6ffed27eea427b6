// /api/v1/storms/:id/stats: a storm's numbers. One service call.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { StormStats, StormStatsParams } from './stats.schema.ts';
import { stormStats } from './storm-stats.service.ts';

export function registerStatsApiRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/storms/:id/stats', {
    config: { role: 'viewer' },
    schema: { tags: ['storms', 'stats'], summary: 'Views, supporters and posts of a storm', params: StormStatsParams, response: { 200: StormStats } },
  }, async (req) => stormStats(deps, req.params.id));
}
