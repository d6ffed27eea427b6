// Login sessions live in the database (any web process recognises any session): a random token in the
// cookie, its SHA-256 in the table. A session ends after 12 idle hours or 7 days, whichever is first, or
// at logout.
import type { Deps } from '../../deps.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import type { Principal } from './principal.ts';
import { deleteExpiredSessions, deleteSessionByHash, deleteUserSessions, findLiveSession, insertSession, touchSession } from './sessions.repo.ts';

export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_MAX_MS = 7 * 24 * 3_600_000;
// a session's last-seen time is written at most once a minute, so reading pages does not mean writing rows
const TOUCH_EVERY_MS = 60_000;

type SessionDeps = Pick<Deps, 'db' | 'clock'>;

export async function createSession(deps: SessionDeps, userId: number): Promise<{ token: string; maxAgeSeconds: number }> {
  const now = deps.clock.now();
  const token = randomToken(32);
  const at = now.toISOString();
  await deleteExpiredSessions(deps.db, at, new Date(now.getTime() - SESSION_IDLE_MS).toISOString());
  await insertSession(deps.db, {
    token_hash: sha256(token), user_id: userId, created_at: at, last_seen_at: at,
    expires_at: new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
  });
  return { token, maxAgeSeconds: SESSION_MAX_MS / 1000 };
}

/** The user behind a session cookie's token, while the session lives. */
export async function findSessionUser(deps: SessionDeps, token: string): Promise<Principal | undefined> {
  return sessionUser(deps, sha256(token), true);
}

/** The same for a session known by its hash, as its user is now: a look again at an open request, not a visit. */
export async function findSessionUserByHash(deps: SessionDeps, hash: string): Promise<Principal | undefined> {
  return sessionUser(deps, hash, false);
}

async function sessionUser(deps: SessionDeps, hash: string, visit: boolean): Promise<Principal | undefined> {
  const now = deps.clock.now();
  const row = await findLiveSession(deps.db, hash, now.toISOString(), new Date(now.getTime() - SESSION_IDLE_MS).toISOString());
  if (!row) return undefined;
  if (visit && now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) await touchSession(deps.db, row.session_id, now.toISOString());
  return { type: 'user', id: row.id, name: row.name, email: row.email, role: row.role, totpEnabled: row.totp_secret !== null, sessionHash: hash };
}

/** Ends the session; the user's id when there was one. */
export async function endSession(deps: SessionDeps, token: string): Promise<number | undefined> {
  return deleteSessionByHash(deps.db, sha256(token));
}

/** Ends every session of a user (a new password, a removed account), but the one given. */
export async function endUserSessions(deps: SessionDeps, userId: number, exceptHash?: string): Promise<void> {
  await deleteUserSessions(deps.db, userId, exceptHash);
}
