// Messages: email blasts — compose, audience, the send loop, tracked links, unsubscribe, statistics.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';

export function registerMessageRoutes(_app: FastifyInstance, _deps: Deps): void {}
export function registerMessageJobs(_deps: Deps): void {}
