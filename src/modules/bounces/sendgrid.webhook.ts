// POST /webhooks/sendgrid: SendGrid's event webhook, signed ("Signed Event Webhook"): an ECDSA P-256
// signature over the timestamp header followed by the raw body, checked with the verification key in
// SENDGRID_WEBHOOK_PUBLIC_KEY. A bounce of type bounce is hard; a blocked bounce and a deferral are soft;
// a spam report is a complaint; a drop counts only when SendGrid dropped the address for an earlier
// bounce or spam report.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { BounceReport } from './bounce-report.ts';
import { badSignature, readJsonBody } from './webhook-body.ts';
import { SendgridEvents } from './webhooks.schema.ts';

export const SENDGRID_SIGNATURE = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP = 'x-twilio-email-event-webhook-timestamp';

/** The key as SendGrid shows it (base64 DER, no PEM lines) or as PEM. */
export function sendgridKeyOf(text: string): KeyObject {
  const trimmed = text.trim();
  return trimmed.startsWith('-----')
    ? createPublicKey(trimmed)
    : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
}

export function sendgridWebhookReports(key: KeyObject, headers: Record<string, unknown>, body: unknown): BounceReport[] {
  const signature = headers[SENDGRID_SIGNATURE];
  const timestamp = headers[SENDGRID_TIMESTAMP];
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !Buffer.isBuffer(body)) throw badSignature();
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  let valid = false;
  try {
    valid = verify('sha256', signed, key, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) throw badSignature();

  return readJsonBody(SendgridEvents, body).flatMap((e): BounceReport[] => {
    const kind = kindOf(e);
    if (!kind) return [];
    return [{
      kind, provider: 'sendgrid', eventId: e.sg_event_id ?? `${e.sg_message_id ?? ''}:${e.event}`,
      recipient: { email: e.email, ...(e['smtp-id'] ? { rfcMessageId: e['smtp-id'] } : {}) },
      detail: [e.event, e.type, e.status, e.reason].filter(Boolean).join(' '),
    }];
  });
}

function kindOf(e: { event: string; type?: string | undefined; reason?: string | undefined }): BounceReport['kind'] | undefined {
  switch (e.event) {
    case 'bounce': return e.type === 'blocked' ? 'soft' : 'hard';
    case 'deferred': return 'soft';
    case 'spamreport': return 'complaint';
    case 'dropped': return /bounced address/i.test(e.reason ?? '') ? 'hard' : /spam report/i.test(e.reason ?? '') ? 'complaint' : undefined;
    default: return undefined;
  }
}
