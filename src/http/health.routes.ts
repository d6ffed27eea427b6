// Probes for a load balancer or supervisor: /health says the process is up; /ready says it can serve,
// i.e. its database answers and has every migration this code expects (503 otherwise).
import type { FastifyInstance } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import type { Deps } from '../deps.ts';
import { pendingMigrations, pingDatabase } from '../db/database.ts';
import { Problem } from './problem.ts';

const READY_TIMEOUT_MS = 5_000;

export function registerHealthRoutes(app: FastifyInstance, deps: Pick<Deps, 'db'>): void {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { hide: true } }, async (req) => {
    const timedOut = delay(READY_TIMEOUT_MS, 'timeout' as const, { ref: false });
    const answered = await Promise.race([pingDatabase(deps.db).then(() => 'ok' as const), timedOut]).catch((err: unknown) => {
      req.log.warn({ err }, 'readiness: the database did not answer');
      return 'failed' as const;
    });
    if (answered !== 'ok') {
      throw new Problem(503, 'not-ready', 'Not ready', answered === 'timeout' ? 'The database did not answer in time.' : 'The database does not answer.');
    }
    const pending = await pendingMigrations(deps.db);
    if (pending.length > 0) {
      throw new Problem(503, 'not-ready', 'Not ready', `Database migrations not applied yet: ${pending.join(', ')}.`);
    }
    return { status: 'ready' };
  });
}
