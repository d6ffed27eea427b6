// Stats: the numbers of storms and messages, read through tracking's and the owners' functions.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';

export function registerStatsRoutes(_app: FastifyInstance, _deps: Deps): void {}
