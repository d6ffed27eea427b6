// Accounts: who may use the API (bearer tokens) and the installation's own settings, among them the
// organisation's wording of the public strings. Organiser logins, roles and the audit log will live here too.
export { createApiToken, listApiTokens } from './api-tokens.service.ts';
export { registerApiAuth } from './api-auth.ts';
export { loadOrCreateSecret } from './settings.repo.ts';
export { translatorFor, getPublicStrings, replaceStringOverrides, type PublicStrings } from './string-overrides.service.ts';
export { registerSettingsRoutes } from './strings.routes.ts';
