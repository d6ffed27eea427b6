// One batch of a message's audience stored with its place in the copy, in one transaction; the copy's last
// batch also releases an A/B test's sample. A function of the database alone, so that on the embedded
// database it runs in the write thread (db/write-thread.ts), beside the sending, not between its mails.
import type { PackedRows } from '../../db/packed-rows.ts';
import type { Db, Message } from '../../db/schema.ts';
import { recordAudienceProgress } from './messages.repo.ts';
import { insertPackedRecipients } from './recipients.repo.ts';

export interface AudienceBatch {
  message: Pick<Message, 'id' | 'audience_after_id' | 'ab_subjects' | 'ab_sample_percent' | 'ab_decide_after_minutes'>;
  /** The batch's recipients, packed (recipients.repo.ts: packRecipients). */
  rows: PackedRows;
  /** The last person id of the batch: where the next one starts. */
  toAfterId: number;
  /** When this is the copy's last batch: the time it ended (ISO). */
  doneAt: string | null;
}

export async function storeAudienceBatch(db: Db, batch: AudienceBatch): Promise<void> {
  const { message, rows, toAfterId, doneAt } = batch;
  await db.transaction().execute(async (trx) => {
    const added = await insertPackedRecipients(trx, rows);
    await recordAudienceProgress(trx, message.id, { fromAfterId: message.audience_after_id, toAfterId, added, doneAt });
    // loaded only for an A/B test: its checks bring LiquidJS, which the write thread otherwise never needs
    if (doneAt && message.ab_subjects !== null) await (await import('./ab-test-start.ts')).releaseAbSample(trx, message, new Date(doneAt));
  });
}
