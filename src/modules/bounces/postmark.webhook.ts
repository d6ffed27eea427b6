// POST /webhooks/postmark: Postmark's bounce and spam complaint webhooks. Postmark signs nothing; it sends
// the HTTP Basic credentials written into the webhook URL (https://outcry:PASSWORD@host/webhooks/postmark),
// so the password must equal POSTMARK_WEBHOOK_PASSWORD; the user name is not checked.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import type { BounceReport } from './bounce-report.ts';
import { readJsonBody, webhookNotEnabled } from './webhook-body.ts';
import { PostmarkRecord } from './webhooks.schema.ts';

const HARD = new Set(['HardBounce', 'BadEmailAddress']);
const SOFT = new Set(['SoftBounce', 'Transient', 'DnsError', 'Blocked']);
const COMPLAINT = new Set(['SpamComplaint', 'SpamNotification']);

export function postmarkWebhookReports(deps: Pick<Deps, 'bounce'>, authorization: string | undefined, body: unknown): BounceReport[] {
  const password = deps.bounce.postmarkPassword;
  if (!password) throw webhookNotEnabled();
  if (!sameSecret(basicPassword(authorization), password)) {
    throw new Problem(401, 'unauthorized', 'Valid webhook credentials are required');
  }
  const record = readJsonBody(PostmarkRecord, body);
  const type = record.RecordType === 'SpamComplaint' ? 'SpamComplaint' : record.Type ?? '';
  const kind = COMPLAINT.has(type) ? 'complaint' : HARD.has(type) ? 'hard' : SOFT.has(type) ? 'soft' : undefined;
  if (!kind || !record.Email || (record.RecordType !== 'Bounce' && record.RecordType !== 'SpamComplaint')) return [];
  return [{
    kind, provider: 'postmark', eventId: String(record.ID ?? record.MessageID ?? ''),
    recipient: { email: record.Email },
    detail: [type, record.Description].filter(Boolean).join(': '),
  }];
}

function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/** Compares digests, so neither the length nor the content of the secret shows in the timing. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
