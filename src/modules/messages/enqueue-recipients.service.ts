// Copies a message's audience into its recipients, a batch at a time in person-id order. The position is
// saved with each batch (store-audience-batch.ts) and a person is added at most once, so after a crash
// copying simply goes on.
import type { Deps } from '../../deps.ts';
import type { Message } from '../../db/schema.ts';
import { batchTokens } from '../../lib/tokens.ts';
import { listAudienceBatch } from '../people/index.ts';
import { inWriteThread } from '../../db/write-thread.ts';
import { heldFields } from './ab-test-start.ts';
import { mergeValuesOf } from './merge-values.ts';
import { packRecipients } from './recipients.repo.ts';
import { storeAudienceBatch } from './store-audience-batch.ts';

/** A batch's rows are most of a copy's cost: on the embedded database they are written in its write thread. */
const storeInWriteThread = inWriteThread(new URL('./store-audience-batch.ts', import.meta.url).href, 'storeAudienceBatch', storeAudienceBatch);

export const AUDIENCE_BATCH = 500;

/** Adds the next batch; returns true when the whole audience has been copied. */
export async function enqueueAudienceBatch(
  deps: Pick<Deps, 'db' | 'clock'>,
  message: Pick<Message, 'id' | 'target_tags' | 'audience_after_id' | 'ab_subjects' | 'ab_sample_percent' | 'ab_decide_after_minutes'>,
  batchSize = AUDIENCE_BATCH,
): Promise<boolean> {
  const tags = JSON.parse(message.target_tags) as string[];
  const members = await listAudienceBatch(deps, tags, message.audience_after_id, batchSize);
  const done = members.length < batchSize;
  const tokens = batchTokens(members.length);
  await storeInWriteThread(deps.db, {
    message,
    rows: packRecipients(members.map((m, i) => ({
      message_id: message.id,
      person_id: m.id,
      email: m.email,
      token: tokens[i]!,
      vars: JSON.stringify(mergeValuesOf(m)),
      status: 'queued' as const,
      attempts: 0,
      bounced: 0,
      next_attempt_at: heldFields(message).next_attempt_at ?? null,
    }))),
    toAfterId: members.at(-1)?.id ?? message.audience_after_id,
    doneAt: done ? deps.clock.now().toISOString() : null,
  });
  return done;
}
