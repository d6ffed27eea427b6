// Accounts: who may get in and what they may do. Organisers (owner, campaigner, viewer) log in with a
// password and an optional authenticator app, or call the API with a token; every change is audited.
// Also the installation's own settings, among them the organisation's wording of the public strings and
// its look (name, logo, colours) on the public pages and in emails.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { registerAccountPages } from './account-pages.routes.ts';
import { registerBrandRoutes } from './brand.routes.ts';
import { registerOrganisationRoutes } from './organisation.routes.ts';
import { preparePasswordTiming } from './passwords.ts';
import { registerSessionRoutes } from './session.routes.ts';
import { registerUserRoutes } from './users.routes.ts';

export { createApiToken, createApiTokenBy, listApiTokens } from './api-tokens.service.ts';
export { commandLine } from './audit-log.service.ts';
export { registerApiAuth } from './api-auth.ts';
export { issueSetupLink, issueInviteLink, ownerExists, SETUP_LINK_MS } from './account-links.service.ts';
export { listUsers, inviteUser, reinviteUser } from './users.service.ts';
export { requireSessionPage } from './session-page.ts';
export type { Principal } from './principal.ts';
export { ROLES, isRole, type Role } from './roles.ts';
export { loadOrCreateSecret } from './settings.repo.ts';
export { findBrand, type Brand } from './brand.ts';
export { senderRefusal } from './senders.service.ts';
export { applySenderLimits, hasOwnSenderLimits } from './sender-limits.service.ts';
export { translatorFor, getPublicStrings, replaceStringOverrides, type PublicStrings } from './string-overrides.service.ts';
export { registerSettingsRoutes } from './strings.routes.ts';

/** The login pages and the session, user, token and audit APIs. */
export function registerAccountRoutes(app: FastifyInstance, deps: Deps): void {
  void preparePasswordTiming();
  registerAccountPages(app, deps);
  registerSessionRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerBrandRoutes(app, deps);
}
