// Delivery status notifications (RFC 3464): the message/delivery-status part of a multipart/report, one
// block of fields for the message and one per recipient. failed with a 5.x.x status is a hard bounce;
// failed with 4.x.x, or delayed, is a soft one; delivered, relayed and expanded are no bounce at all.
import type { BounceKind } from '../../db/schema.ts';
import { firstOf, parseHeaderBlocks } from './header-block.ts';

export interface DsnRecipient {
  /** The address, without its "rfc822;" type. */
  finalRecipient: string | undefined;
  originalRecipient: string | undefined;
  action: string;
  /** An RFC 3463 status code like 5.1.1. */
  status: string | undefined;
  diagnosticCode: string | undefined;
}

export function parseDeliveryStatus(text: string): DsnRecipient[] {
  const [, ...perRecipient] = parseHeaderBlocks(text);
  return perRecipient
    .filter((b) => b.has('action') && (b.has('final-recipient') || b.has('original-recipient')))
    .map((b) => ({
      finalRecipient: addressOf(firstOf(b, 'final-recipient')),
      originalRecipient: addressOf(firstOf(b, 'original-recipient')),
      action: firstOf(b, 'action')!.toLowerCase(),
      status: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(firstOf(b, 'status') ?? '')?.[1],
      diagnosticCode: firstOf(b, 'diagnostic-code'),
    }));
}

export function bounceKindOf(r: DsnRecipient): Exclude<BounceKind, 'complaint'> | undefined {
  if (r.action === 'delayed') return 'soft';
  if (r.action !== 'failed') return undefined;
  // the status is required, but some MTAs leave it out: the SMTP reply in the diagnostic then says it
  const statusClass = r.status?.[0] ?? /^smtp;\s*([45])\d\d/i.exec(r.diagnosticCode ?? '')?.[1];
  return statusClass === '4' ? 'soft' : 'hard';
}

/** "rfc822; Sam@Example.org" → "Sam@Example.org" (RFC 3464 address-type; value). */
function addressOf(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const value = field.includes(';') ? field.slice(field.indexOf(';') + 1) : field;
  const address = value.trim().replace(/^<|>$/g, '');
  return address.includes('@') ? address : undefined;
}
