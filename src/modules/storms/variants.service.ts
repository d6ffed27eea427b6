// Replacing a storm's list of messages. A message whose text is unchanged keeps its variant (and its id, so
// its numbers in the stats go on); a dropped one leaves the rotation but keeps its row, as events name it.
import type { Db, StormVariant } from '../../db/schema.ts';
import { insertVariants, markVariantsRemoved, setVariantPosition } from './storms.repo.ts';

/** Run inside the caller's transaction. `current` are the variants in rotation now. */
export async function replaceVariants(trx: Db, stormId: number, current: StormVariant[], texts: string[], now: string): Promise<void> {
  const unmatched = new Set(current);
  const kept: { variant: StormVariant; position: number }[] = [];
  const added: { position: number; text: string }[] = [];
  texts.forEach((text, i) => {
    const position = i + 1;
    const same = [...unmatched].filter((v) => v.text === text);
    const variant = same.find((v) => v.position === position) ?? same[0];
    if (variant) {
      unmatched.delete(variant);
      kept.push({ variant, position });
    } else {
      added.push({ position, text });
    }
  });
  await markVariantsRemoved(trx, [...unmatched].map((v) => v.id), now);
  // positions are unique among variants in rotation: park the moving ones on negative numbers first
  const moving = kept.filter((k) => k.variant.position !== k.position);
  for (const k of moving) await setVariantPosition(trx, k.variant.id, -k.position);
  for (const k of moving) await setVariantPosition(trx, k.variant.id, k.position);
  await insertVariants(trx, stormId, added);
}
