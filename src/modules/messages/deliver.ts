// One recipient, one mail: render, hand to the relay, and record what the relay said. A recipient is
// marked sent only after the relay's 2xx; a refused address bounces; anything else is tried again later.
import type { Deps } from '../../deps.ts';
import type { Message } from '../../db/schema.ts';
import { SmtpError } from '../../mail/mailer.ts';
import { changeSubscription } from '../people/index.ts';
import type { CompiledMessage } from './message-template.ts';
import type { MergeValues } from './merge-values.ts';
import { outgoingMail } from './outgoing-mail.ts';
import { markRecipientFailed, markRecipientSent, scheduleRecipientRetry, type ClaimedRecipient } from './recipients.repo.ts';

export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;

export type DeliverDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config' | 'secret' | 'log'>;

export async function deliverToRecipient(
  deps: DeliverDeps,
  message: Pick<Message, 'id' | 'from_address'>,
  compiled: CompiledMessage,
  recipient: ClaimedRecipient,
): Promise<void> {
  let mail;
  try {
    const values = JSON.parse(recipient.vars) as MergeValues;
    mail = outgoingMail(deps, message, compiled.render({ token: recipient.token, values }), recipient);
  } catch (err) {
    deps.log.error({ err, message: message.id, recipient: recipient.id }, 'could not render a message');
    await markRecipientFailed(deps.db, recipient.id, { reply: `not rendered: ${String((err as Error).message ?? err)}`, bounced: false, attempts: recipient.attempts });
    return;
  }
  try {
    const { response } = await deps.mailer.send(mail);
    await markRecipientSent(deps.db, recipient.id, response, deps.clock.now().toISOString());
  } catch (err) {
    await recordFailure(deps, message.id, recipient, err);
  }
}

async function recordFailure(deps: DeliverDeps, messageId: number, recipient: ClaimedRecipient, err: unknown) {
  const reply = err instanceof Error ? err.message : String(err);
  const attempts = recipient.attempts + 1;
  if (err instanceof SmtpError && err.addressRefused) {
    await markRecipientFailed(deps.db, recipient.id, { reply, bounced: true, attempts });
    await changeSubscription(deps, recipient.person_id, 'bouncing', { source: 'bounce', detail: `message:${messageId}` });
  } else if ((err instanceof SmtpError && err.permanent) || attempts >= MAX_ATTEMPTS) {
    // refused for good, but not because of the address (content, sender): the person stays subscribed
    await markRecipientFailed(deps.db, recipient.id, { reply, bounced: false, attempts });
  } else {
    const wait = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
    const at = new Date(deps.clock.now().getTime() + wait).toISOString();
    await scheduleRecipientRetry(deps.db, recipient.id, { reply, attempts, at });
  }
}
