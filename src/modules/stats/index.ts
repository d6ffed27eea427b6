// Stats: the numbers of storms and messages, read through tracking's and the owners' functions, and the
// live streams (Server-Sent Events) that push a storm's counter to its page and its numbers to the dashboard.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { registerLiveRoutes } from './live.routes.ts';
import { registerStatsApiRoutes } from './stats.routes.ts';

export { stormStats, type StormStats } from './storm-stats.service.ts';
export { stormLiveSnapshot, type LiveSnapshot } from './live-snapshot.service.ts';
export { liveStreamStats } from './live.routes.ts';

export function registerStatsRoutes(app: FastifyInstance, deps: Deps): void {
  registerStatsApiRoutes(app, deps);
  registerLiveRoutes(app, deps);
}
