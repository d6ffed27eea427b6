// Storms: the storm, its message variants, the public action page and the share intents.
// Organisers shape storms through /api/v1/storms; supporters meet /s/:slug; stats reads through the exports.
// The worker reads the public posts carrying a live storm's hashtags on Bluesky and Mastodon (its evidence),
// and at a storm's start sends the reminders supporters asked for on its page (its reminder wave).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import type { FrontDoorRoute } from '../../http/front-door.ts';
import { actionPageAnswer } from './action-page.answer.ts';
import { registerActionPageRoutes } from './action-page.routes.ts';
import { postFormAnswer } from './post-form.answer.ts';
import { stormFrontDoor } from './storm-front-door.ts';
import { registerActionPagePreviewRoutes } from './action-page-preview.routes.ts';
import { registerPostLengthRoutes } from './post-lengths.routes.ts';
import { registerReminderRoutes } from './reminders.routes.ts';
import { registerReportPostRoutes } from './report-post.routes.ts';
import { registerStormApiRoutes } from './storms.routes.ts';

export {
  createStorm, getStorm, getStormRow, listStorms, updateStorm, findStormBySlug, listVariants, listTargets, stormState, stormUrl,
  type StormView, type StormPatch, type StormState,
} from './storms.service.ts';
export type { StormInput } from './storm-fields.ts';
export { NETWORKS, type Network } from './intents.ts';
export { POST_LINK_NETWORKS, type PostLinkNetwork } from './post-link.ts';
export { pollPublicPosts } from './poll-public-posts.service.ts';
export { publicPostTotals, type PublicPostTotals } from './public-posts.repo.ts';
export { registerStormJobs } from './storm-jobs.ts';
export { composePostText } from './post-text.ts';
export { personReminders, erasePersonReminders, type PersonReminder } from './person-reminders.repo.ts';

/** Returns the route for the front door (http/front-door.ts): the page and its form, as a burst hits them. */
export function registerStormRoutes(app: FastifyInstance, deps: Deps): FrontDoorRoute {
  const page = actionPageAnswer(deps);
  const post = postFormAnswer(deps);
  registerStormApiRoutes(app, deps);
  registerActionPageRoutes(app, page, post);
  registerActionPagePreviewRoutes(app, deps);
  registerPostLengthRoutes(app, deps);
  registerReportPostRoutes(app, deps);
  registerReminderRoutes(app, deps);
  return stormFrontDoor(deps.log, page, post);
}
