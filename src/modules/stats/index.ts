// Stats: the numbers of storms and messages, read through tracking's and the owners' functions.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { registerStatsApiRoutes } from './stats.routes.ts';

export { stormStats, type StormStats } from './storm-stats.service.ts';

export function registerStatsRoutes(app: FastifyInstance, deps: Deps): void {
  registerStatsApiRoutes(app, deps);
}
