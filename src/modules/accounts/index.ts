// Accounts: who may use the API (bearer tokens) and the installation's own settings.
// Organiser logins, roles and the audit log will live here too.
export { createApiToken, listApiTokens } from './api-tokens.service.ts';
export { registerApiAuth } from './api-auth.ts';
export { loadOrCreateSecret } from './settings.repo.ts';
