// Storms: the storm, its message variants, the public action page and the share intents.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';

export function registerStormRoutes(_app: FastifyInstance, _deps: Deps): void {}
