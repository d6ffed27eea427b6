// The start of an A/B subject test, as the audience is copied: everyone is held back at first; once the
// whole audience is in, the sample is chosen and released with its variants, and the decision time set.
// Held recipients stay `queued` with a next attempt far ahead, so the send loop leaves them alone until
// the decision (ab-test-decide.service.ts) gives them the winning subject and makes them due.
import type { Db, Message } from '../../db/schema.ts';
import { abSubjectsOf, AB_DEFAULTS } from './ab-test-input.ts';
import { chooseSample } from './ab-sample.ts';
import { assignSubjectVariant, markAbSampleReleased, selectHeldRecipientIds } from './ab-test.repo.ts';

/** Not a time anyone waits for: the decision, not the clock, releases the held. */
export const HELD_UNTIL_DECISION = '9999-12-31T00:00:00.000Z';

type AbMessage = Pick<Message, 'id' | 'ab_subjects' | 'ab_sample_percent' | 'ab_decide_after_minutes'>;

/** Extra fields for a recipient being copied into the message. */
export function heldFields(message: Pick<Message, 'ab_subjects'>): { next_attempt_at?: string } {
  return message.ab_subjects === null ? {} : { next_attempt_at: HELD_UNTIL_DECISION };
}

/** Chooses and releases the sample (once: a repeat finds it done). Runs in the transaction that ends the copy. */
export async function releaseAbSample(db: Db, message: AbMessage, now: Date): Promise<void> {
  const subjects = abSubjectsOf(message);
  if (!subjects) return;
  const minutes = message.ab_decide_after_minutes ?? AB_DEFAULTS.decideAfterMinutes;
  const decideAt = new Date(now.getTime() + minutes * 60_000).toISOString();
  if (!(await markAbSampleReleased(db, message.id, decideAt))) return;
  const held = await selectHeldRecipientIds(db, message.id);
  const groups = chooseSample(message.id, held, subjects.length, message.ab_sample_percent ?? AB_DEFAULTS.samplePercent);
  for (const [variant, ids] of groups.entries()) await assignSubjectVariant(db, ids, variant);
}
