// Bounces: bounce and complaint reports — from providers' webhooks and from DSNs and abuse reports mailed
// to the VERP return path — turned into subscription changes, so a gone address or a complaint is not
// mailed again.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { registerWebhookRoutes } from './webhooks.routes.ts';

/** The VERP envelope sender for one recipient's mail (undefined without BOUNCE_DOMAIN). */
export { returnPathFor } from '../../mail/verp.ts';
export { startBounceListener, type BounceListener } from './bounce-listener.ts';
export { personBounces, erasePersonBounces, type PersonBounce } from './person-bounces.repo.ts';

export function registerBounceRoutes(app: FastifyInstance, deps: Deps): void {
  registerWebhookRoutes(app, deps);
}
