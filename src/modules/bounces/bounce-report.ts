// What every source of bounces (webhooks, the inbound SMTP listener) turns its input into.
import type { BounceKind } from '../../db/schema.ts';
import type { RecipientReference } from '../messages/index.ts';

export type BounceProvider = 'ses' | 'postmark' | 'mailgun' | 'sendgrid' | 'smtp';

export interface BounceReport {
  kind: BounceKind;
  provider: BounceProvider;
  /** Whom it is about, in as many ways as the report tells. */
  recipient: RecipientReference;
  /** The provider's id for the event (or the report's Message-ID), so a report delivered twice counts once. */
  eventId: string;
  /** Why, in the provider's words: an SMTP status and diagnostic, a feedback type. */
  detail?: string | undefined;
}
