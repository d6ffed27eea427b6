// A message another module has made for a reason of its own (a storm's reminder wave, one per language),
// through the same delivery engine as any other: made once per reference however often it is asked for,
// as a draft; its recipients added in batches (a person once); then started, when all are in, with its
// audience already complete, so the send loop copies no list. Each step is keyed on state, so a repeat,
// or two workers at once, change nothing more.
import type { Deps } from '../../deps.ts';
import type { MessageKind, MessageStatus } from '../../db/schema.ts';
import { randomToken } from '../../lib/tokens.ts';
import { countRecipients, insertOrFindByReference } from './keyed-messages.repo.ts';
import type { MergeValues } from './merge-values.ts';
import { updateMessageIfStatus } from './messages.repo.ts';
import { insertRecipients } from './recipients.repo.ts';
import { queueSend } from './send-queue.ts';

export interface KeyedMessageInput {
  /** Unique: the message this names is made once. */
  reference: string;
  kind: Exclude<MessageKind, 'blast'>;
  /** Liquid, rendered with each recipient's values. */
  subject: string;
  /** Markdown with Liquid; links to a storm page carry each recipient's token, as in any message. */
  body: string;
  language: string;
}

export interface KeyedRecipient {
  personId: number;
  email: string;
  /** The merge values its templates see; `language` also picks the footer's language. */
  values: MergeValues;
}

export interface KeyedMessage {
  id: number;
  status: MessageStatus;
}

/** The message for this reference: made now as a draft, or the one made before (whatever its status now). */
export async function openKeyedMessage(deps: Pick<Deps, 'db' | 'clock'>, input: KeyedMessageInput): Promise<KeyedMessage> {
  const now = deps.clock.now().toISOString();
  return insertOrFindByReference(deps.db, {
    reference: input.reference, kind: input.kind, subject: input.subject, body: input.body, from_address: null,
    language: input.language, target_tags: '[]', status: 'draft', recipients_total: 0, created_at: now, updated_at: now,
  });
}

/** Adds recipients to a draft; a person already on it is left as they are. Returns how many were added. */
export async function addKeyedRecipients(deps: Pick<Deps, 'db'>, messageId: number, recipients: KeyedRecipient[]): Promise<number> {
  return insertRecipients(deps.db, recipients.map((r) => ({
    message_id: messageId, person_id: r.personId, email: r.email, token: randomToken(), vars: JSON.stringify(r.values),
    status: 'queued' as const, attempts: 0, bounced: 0,
  })));
}

/** Starts sending a draft whose recipients are all in; false when it was started before (or is no draft). */
export async function startKeyedMessage(deps: Pick<Deps, 'db' | 'clock' | 'jobs' | 'config'>, messageId: number): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  const total = await countRecipients(deps.db, messageId);
  const started = await updateMessageIfStatus(deps.db, messageId, ['draft'], {
    status: 'sending', started_at: now, audience_done_at: now, recipients_total: total, updated_at: now,
  });
  if (started) await queueSend(deps, messageId);
  return started;
}
