// Replacing a storm's list of messages. A message whose text is unchanged keeps its variant (and its id, so
// its numbers in the stats go on) with its new weight; a dropped one leaves the rotation but keeps its row,
// as events name it.
import type { Db, StormVariant } from '../../db/schema.ts';
import { insertVariants, markVariantsRemoved, setVariantPosition, setVariantWeight } from './storms.repo.ts';

export interface VariantText {
  text: string;
  weight: number;
}

/** Run inside the caller's transaction. `current` are the variants in rotation now. */
export async function replaceVariants(trx: Db, stormId: number, current: StormVariant[], next: VariantText[], now: string): Promise<void> {
  const unmatched = new Set(current);
  const kept: { variant: StormVariant; position: number; weight: number }[] = [];
  const added: { position: number; text: string; weight: number }[] = [];
  next.forEach(({ text, weight }, i) => {
    const position = i + 1;
    const same = [...unmatched].filter((v) => v.text === text);
    const variant = same.find((v) => v.position === position) ?? same[0];
    if (variant) {
      unmatched.delete(variant);
      kept.push({ variant, position, weight });
    } else {
      added.push({ position, text, weight });
    }
  });
  await markVariantsRemoved(trx, [...unmatched].map((v) => v.id), now);
  // positions are unique among variants in rotation: park the moving ones on negative numbers first
  const moving = kept.filter((k) => k.variant.position !== k.position);
  for (const k of moving) await setVariantPosition(trx, k.variant.id, -k.position);
  for (const k of moving) await setVariantPosition(trx, k.variant.id, k.position);
  for (const k of kept) if (k.variant.weight !== k.weight) await setVariantWeight(trx, k.variant.id, k.weight);
  await insertVariants(trx, stormId, added);
}
