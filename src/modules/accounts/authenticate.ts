// Who a request comes from: the bearer token in Authorization when there is one (and then only it),
// else the session cookie.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { authenticateApiToken, findApiToken } from './api-tokens.service.ts';
import type { Principal } from './principal.ts';
import { readSessionCookie } from './session-cookie.ts';
import { findSessionUser, findSessionUserByHash } from './sessions.service.ts';

type AuthDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

export async function authenticateRequest(deps: AuthDeps, req: FastifyRequest): Promise<Principal | undefined> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match ? await authenticateApiToken(deps, match[1]!) : undefined;
    return token ? { type: 'token', id: token.id, name: token.name, role: token.role } : undefined;
  }
  return findSessionOf(deps, req);
}

/** The logged-in user of the request's session cookie, if any. */
export async function findSessionOf(deps: AuthDeps, req: FastifyRequest): Promise<Principal | undefined> {
  const cookie = readSessionCookie(req, deps.config);
  return cookie ? findSessionUser(deps, cookie) : undefined;
}

/** The principal as it is now (its role may have changed); undefined once its session or token is gone. */
export async function currentPrincipal(deps: AuthDeps, principal: Principal): Promise<Principal | undefined> {
  if (principal.type === 'user') return principal.sessionHash ? findSessionUserByHash(deps, principal.sessionHash) : undefined;
  const token = await findApiToken(deps, principal.id);
  return token && { type: 'token', id: token.id, name: token.name, role: token.role };
}
