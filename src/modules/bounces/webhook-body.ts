// What every webhook shares: its body, which arrives as raw bytes (see webhooks.routes.ts) and is read as
// JSON of a known shape once the sender is authenticated, and the problems it answers with.
import type { TSchema, Static } from 'typebox';
import { Check } from 'typebox/value';
import { badRequest, Problem } from '../../http/problem.ts';

export function readJsonBody<T extends TSchema>(schema: T, body: unknown): Static<T> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? ''));
  } catch {
    throw badRequest('The body is not JSON');
  }
  if (!Check(schema, value)) throw badRequest('The body is not a report this webhook understands');
  return value as Static<T>;
}

export const webhookNotEnabled = () => new Problem(404, 'webhook-not-enabled', 'This webhook is not enabled',
  'Set its key in the configuration (see .env.example) and restart Outcry.');

export const badSignature = (detail?: string) => new Problem(403, 'bad-signature', 'The signature of this request is not valid', detail);
