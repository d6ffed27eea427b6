// A sliding-window limit over events the caller keeps (in the database, so every process sees the same
// count): at most `limit` in any `windowMs`. Refusals are 429 with Retry-After.
import type { FastifyReply } from 'fastify';
import { Problem } from './problem.ts';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Seconds until one more event would be allowed, given the times of the events inside the window (any
 * order); 0 when it is allowed now.
 */
export function retryAfterSeconds(times: readonly Date[], rule: RateLimit, now: Date): number {
  if (times.length < rule.limit) return 0;
  const sorted = times.map((t) => t.getTime()).sort((a, b) => a - b);
  // the oldest event that must leave the window before the count falls under the limit
  const frees = sorted[sorted.length - rule.limit]! + rule.windowMs;
  return Math.max(1, Math.ceil((frees - now.getTime()) / 1000));
}

export class TooManyRequests extends Problem {
  readonly retryAfter: number;
  constructor(retryAfter: number, title = 'Too many attempts') {
    super(429, 'too-many-requests', title, `Try again in ${retryAfter} seconds.`);
    this.retryAfter = retryAfter;
  }
}

/** Sets Retry-After on the reply before the problem is rendered. */
export function sendRetryAfter(reply: FastifyReply, problem: TooManyRequests): void {
  reply.header('Retry-After', String(problem.retryAfter));
}
