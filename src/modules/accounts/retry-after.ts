// A 429 from the login limit carries Retry-After: set it on the reply before the problem is rendered.
import type { FastifyReply } from 'fastify';
import { sendRetryAfter, TooManyRequests } from '../../http/rate-limit.ts';

export async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof TooManyRequests) sendRetryAfter(reply, err);
    throw err;
  }
}
