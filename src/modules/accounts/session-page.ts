// For the web app's pages (/app, /app/*): a browser without a session is sent to the login page, which
// brings it back here afterwards. Use as a route's (or a scope's) preHandler.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { findSessionOf } from './authenticate.ts';

export function requireSessionPage(deps: Pick<Deps, 'db' | 'clock' | 'config'>) {
  return async function requireSession(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const principal = await findSessionOf(deps, req);
    if (principal) {
      req.principal = principal;
      return undefined;
    }
    return reply.header('Cache-Control', 'no-store').redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
  };
}
