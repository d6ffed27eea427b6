// Every /api/v1 route needs `Authorization: Bearer <token>`.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { authenticateApiToken } from './api-tokens.service.ts';

export function registerApiAuth(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = match ? await authenticateApiToken(deps, match[1]!) : undefined;
    if (!token) {
      reply.header('WWW-Authenticate', 'Bearer realm="outcry"');
      throw new Problem(401, 'unauthorized', 'A valid API token is required',
        'Send "Authorization: Bearer <token>"; create one with `outcry token create --name NAME`.');
    }
  });
}
