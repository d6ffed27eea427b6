// Who is calling: a logged-in user (through the session cookie) or an API token (bearer). Set on the
// request by the API's authentication, and by requireSessionPage for the web app's pages.
import type { Actor } from './audit-log.service.ts';
import type { Role } from './roles.ts';

export interface Principal {
  type: 'user' | 'token';
  id: number;
  name: string;
  role: Role;
  /** A user's address. */
  email?: string;
  totpEnabled?: boolean;
  /** A user's session (the hash of its cookie), which the CSRF token is bound to. */
  sessionHash?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function actorOf(principal: Principal | undefined): Actor {
  if (!principal) return { type: 'anonymous', id: null, name: 'anonymous' };
  return principal.type === 'user'
    ? { type: 'user', id: principal.id, name: `${principal.name} <${principal.email}>` }
    : { type: 'token', id: principal.id, name: `token "${principal.name}"` };
}
