// One recipient, one mail: render, hand to the relay, and say what the relay answered. Nothing is written
// here: the send loop records outcomes in batches (outcome-writer.ts), and a recipient counts as sent only
// once the relay's 2xx is recorded. A refused address bounces; anything else is tried again later, with
// a growing, jittered wait, until the retry lifetime has passed.
import type { Deps } from '../../deps.ts';
import type { AttemptOutcome, Message } from '../../db/schema.ts';
import { SmtpError } from '../../mail/mailer.ts';
import type { CompiledMessage } from './message-template.ts';
import type { MergeValues } from './merge-values.ts';
import { outgoingMail } from './outgoing-mail.ts';
import type { ClaimedRecipient } from './recipients.repo.ts';

const LONGEST_RETRY_MS = 60 * 60_000;

export type DeliverDeps = Pick<Deps, 'clock' | 'mailer' | 'config' | 'secret' | 'log' | 'bounce'>;

export interface DeliveryOutcome {
  recipient: ClaimedRecipient;
  outcome: AttemptOutcome;
  reply: string;
  attemptedAt: string;
  /** For a deferred recipient: when to try again. */
  retryAt?: string;
}

export async function deliverToRecipient(
  deps: DeliverDeps,
  message: Pick<Message, 'id' | 'from_address'>,
  compiled: CompiledMessage,
  recipient: ClaimedRecipient,
): Promise<DeliveryOutcome> {
  const attemptedAt = deps.clock.now().toISOString();
  let mail;
  try {
    const values = JSON.parse(recipient.vars) as MergeValues;
    mail = outgoingMail(deps, message, compiled.renderMail({ token: recipient.token, values, subjectVariant: recipient.subject_variant }), recipient);
  } catch (err) {
    deps.log.error({ err, message: message.id, recipient: recipient.id }, 'could not render a message');
    return { recipient, outcome: 'failed', reply: `not rendered: ${String((err as Error).message ?? err)}`, attemptedAt };
  }
  try {
    const { response } = await deps.mailer.send(mail);
    return { recipient, outcome: 'sent', reply: response, attemptedAt };
  } catch (err) {
    return failureOutcome(deps, recipient, err, attemptedAt);
  }
}

function failureOutcome(deps: DeliverDeps, recipient: ClaimedRecipient, err: unknown, attemptedAt: string): DeliveryOutcome {
  const reply = err instanceof Error ? err.message : String(err);
  if (err instanceof SmtpError && err.addressRefused) return { recipient, outcome: 'bounced', reply, attemptedAt };
  // refused for good, but not because of the address (content, sender): the person stays subscribed
  if (err instanceof SmtpError && err.permanent) return { recipient, outcome: 'failed', reply, attemptedAt };
  const now = Date.parse(attemptedAt);
  const firstAttempt = recipient.first_attempt_at ? Date.parse(recipient.first_attempt_at) : now;
  const retryAt = now + retryDelayMs(deps.config.retryMinMs, recipient.attempts + 1);
  if (retryAt - firstAttempt > deps.config.retryLifetimeMs) {
    return { recipient, outcome: 'failed', reply: `gave up after ${recipient.attempts + 1} attempts: ${reply}`, attemptedAt };
  }
  return { recipient, outcome: 'deferred', reply, attemptedAt, retryAt: new Date(retryAt).toISOString() };
}

/** Exponential backoff from `minMs`, capped at an hour, with ±20% jitter so retries do not come in waves. */
export function retryDelayMs(minMs: number, attempt: number): number {
  const base = Math.min(minMs * 2 ** Math.max(0, attempt - 1), Math.max(minMs, LONGEST_RETRY_MS));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
