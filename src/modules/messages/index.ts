// Messages: email blasts — compose, audience, the send loop, tracked links, unsubscribe, statistics.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { findRecipientByToken } from './recipients.repo.ts';

export function registerMessageRoutes(_app: FastifyInstance, _deps: Deps): void {}
export function registerMessageJobs(_deps: Deps): void {}

/** Who a recipient token (from a personal link in an email) stands for, or undefined. */
export async function findRecipient(deps: Pick<Deps, 'db'>, token: unknown) {
  if (!isTokenShaped(token)) return undefined;
  return findRecipientByToken(deps.db, token);
}
