// POST /webhooks/mailgun: Mailgun's failed and complained events. Each carries a signature: the
// HMAC-SHA256, keyed with the HTTP webhook signing key (MAILGUN_WEBHOOK_KEY), of timestamp + token. A
// timestamp more than MAX_SKEW away from our clock is refused, so a captured request cannot be replayed
// later (and a replay within the window is an event already recorded).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import type { BounceReport } from './bounce-report.ts';
import { headerLookupOf, referencesInHeaders } from './original-headers.ts';
import { badSignature, readJsonBody, webhookNotEnabled } from './webhook-body.ts';
import { MailgunPayload } from './webhooks.schema.ts';

const MAX_SKEW_MS = 15 * 60_000;

export function mailgunWebhookReports(deps: Pick<Deps, 'bounce' | 'clock'>, body: unknown): BounceReport[] {
  const key = deps.bounce.mailgunKey;
  if (!key) throw webhookNotEnabled();
  const payload = readJsonBody(MailgunPayload, body);
  const { timestamp, token, signature } = payload.signature;
  const expected = createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex');
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) throw badSignature();
  if (!(Math.abs(deps.clock.now().getTime() - Number(timestamp) * 1000) <= MAX_SKEW_MS)) throw badSignature('The timestamp is too old');

  const event = payload['event-data'];
  const kind = event.event === 'complained' ? 'complaint'
    : event.event === 'failed' ? (event.severity === 'permanent' ? 'hard' : 'soft') : undefined;
  if (!kind || !event.recipient) return [];
  const original = referencesInHeaders(headerLookupOf(event.message?.headers));
  const status = event['delivery-status'];
  return [{
    kind, provider: 'mailgun', eventId: event.id ?? `${timestamp}:${token}`,
    recipient: { ...original, email: event.recipient },
    detail: [event.severity, event.reason, status?.code, status?.description || status?.message].filter(Boolean).join(' '),
  }];
}
