// API tokens: bearer credentials for scripts and integrations, each with a role like a user's. Only a
// token's hash is kept; the token itself is shown once, when it is made.
import type { Db } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { badRequest, invalid, notFound } from '../../http/problem.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { deleteApiToken, deleteTokensMadeBy, findApiTokenByHash, findApiTokenById, insertApiToken, selectApiTokens, touchApiToken } from './api-tokens.repo.ts';
import { recordAudit, type Actor } from './audit-log.service.ts';
import { hasRole, isRole, ROLES, type Role } from './roles.ts';

const PREFIX = 'oc_';

/**
 * Creates a token and returns it in clear: the only time it is shown (only its hash is kept). `createdBy`:
 * the user it belongs to, whose removal or lower role takes it away; null for one made on the command line.
 */
export async function createApiToken(deps: Pick<Deps, 'db' | 'clock'>, name: string, role: Role = 'owner', createdBy: number | null = null) {
  const clean = name.trim();
  if (!clean) throw badRequest('A token needs a name', undefined, [{ name: 'name', reason: 'is empty' }]);
  if (!isRole(role)) throw invalid([{ name: 'role', reason: 'must be owner, campaigner or viewer' }]);
  const token = PREFIX + randomToken(32);
  const row = await insertApiToken(deps.db, { name: clean, role, token_hash: sha256(token), created_by: createdBy }, deps.clock.now().toISOString());
  return { ...row, token };
}

/** Whose a token made by `by` is: a user's own; for one made by a token, that token's maker's; else nobody's. */
async function makerOf(deps: Pick<Deps, 'db'>, by: Actor): Promise<number | null> {
  if (by.type === 'user') return by.id;
  if (by.type === 'token' && by.id !== null) return (await findApiTokenById(deps.db, by.id))?.created_by ?? null;
  return null;
}

/** A token made through the API (or the command line), written in the audit log. */
export async function createApiTokenBy(deps: Pick<Deps, 'db' | 'clock'>, by: Actor, input: { name: string; role?: Role }, ip: string | null) {
  const created = await createApiToken(deps, input.name, input.role ?? 'owner', await makerOf(deps, by));
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

export async function findApiToken(deps: Pick<Deps, 'db'>, id: number) {
  return findApiTokenById(deps.db, id);
}

/**
 * Deletes, in the caller's transaction, the tokens `userId` made that `role` no longer covers (every one
 * when `role` is undefined: the user is being removed). The caller writes them in the audit log.
 */
export async function deleteTokensBeyondRole(db: Db, userId: number, role: Role | undefined) {
  return deleteTokensMadeBy(db, userId, ROLES.filter((r) => role === undefined || !hasRole(role, r)));
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
