import type { Deps } from '../../deps.ts';
import { badRequest } from '../../http/problem.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { findApiTokenByHash, insertApiToken, selectApiTokens, touchApiToken } from './api-tokens.repo.ts';

const PREFIX = 'oc_';

/** Creates a token and returns it in clear: the only time it is shown (only its hash is kept). */
export async function createApiToken(deps: Pick<Deps, 'db' | 'clock'>, name: string) {
  const clean = name.trim();
  if (!clean) throw badRequest('A token needs a name', undefined, [{ name: 'name', reason: 'is empty' }]);
  const token = PREFIX + randomToken(32);
  const row = await insertApiToken(deps.db, clean, sha256(token), deps.clock.now().toISOString());
  return { ...row, token };
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
