// Storms: the storm, its message variants, the public action page and the share intents.
// Organisers shape storms through /api/v1/storms; supporters meet /s/:slug; stats reads through the exports.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { registerActionPageRoutes } from './action-page.routes.ts';
import { registerStormApiRoutes } from './storms.routes.ts';

export {
  createStorm, getStorm, getStormRow, listStorms, updateStorm, findStormBySlug, listVariants, stormState, stormUrl,
  type StormView, type StormPatch, type StormState,
} from './storms.service.ts';
export type { StormInput } from './storm-fields.ts';
export { NETWORKS, type Network } from './intents.ts';
export { composePostText } from './post-text.ts';

export function registerStormRoutes(app: FastifyInstance, deps: Deps): void {
  registerStormApiRoutes(app, deps);
  registerActionPageRoutes(app, deps);
}
