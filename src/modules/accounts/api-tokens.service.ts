// API tokens: bearer credentials for scripts and integrations, each with a role like a user's. Only a
// token's hash is kept; the token itself is shown once, when it is made.
import type { Deps } from '../../deps.ts';
import { badRequest, invalid, notFound } from '../../http/problem.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { deleteApiToken, findApiTokenByHash, insertApiToken, selectApiTokens, touchApiToken } from './api-tokens.repo.ts';
import { recordAudit, type Actor } from './audit-log.service.ts';
import { isRole, type Role } from './roles.ts';

const PREFIX = 'oc_';

/** Creates a token and returns it in clear: the only time it is shown (only its hash is kept). */
export async function createApiToken(deps: Pick<Deps, 'db' | 'clock'>, name: string, role: Role = 'owner') {
  const clean = name.trim();
  if (!clean) throw badRequest('A token needs a name', undefined, [{ name: 'name', reason: 'is empty' }]);
  if (!isRole(role)) throw invalid([{ name: 'role', reason: 'must be owner, campaigner or viewer' }]);
  const token = PREFIX + randomToken(32);
  const row = await insertApiToken(deps.db, clean, role, sha256(token), deps.clock.now().toISOString());
  return { ...row, token };
}

/** A token made through the API, written in the audit log. */
export async function createApiTokenBy(deps: Pick<Deps, 'db' | 'clock'>, by: Actor, input: { name: string; role?: Role }, ip: string | null) {
  const created = await createApiToken(deps, input.name, input.role ?? 'owner');
  await recordAudit(deps, { actor: by, action: 'token.create', subject: `token #${created.id} "${created.name}" as ${created.role}`, ip });
  return created;
}

export async function revokeApiToken(deps: Pick<Deps, 'db' | 'clock'>, by: Actor, id: number, ip: string | null): Promise<void> {
  const row = await deleteApiToken(deps.db, id);
  if (!row) throw notFound('Token');
  await recordAudit(deps, { actor: by, action: 'token.revoke', subject: `token #${row.id} "${row.name}"`, ip });
}

export async function listApiTokens(deps: Pick<Deps, 'db'>) {
  return selectApiTokens(deps.db);
}

/** The token's row when the bearer token is valid, else undefined. */
export async function authenticateApiToken(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  if (!token.startsWith(PREFIX) || token.length > 100) return undefined;
  const row = await findApiTokenByHash(deps.db, sha256(token));
  if (!row) return undefined;
  const now = deps.clock.now();
  // write at most once a minute per token, so a busy API client does not turn every read into a write
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await touchApiToken(deps.db, row.id, now.toISOString());
  }
  return row;
}
