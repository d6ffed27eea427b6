// Who is in an A/B test's sample and which subject each gets. Recipients are put in an order that looks
// random but is fixed by a hash of the message and recipient ids, so the choice is the same every time it
// is made (a repeated job, a restart); the first sample_percent of them get the variants in turn.
import { sha256 } from '../../lib/tokens.ts';

/** Recipient ids per variant: the i-th array gets subject i. Sizes differ by at most one. */
export function chooseSample(messageId: number, recipientIds: number[], variants: number, percent: number): number[][] {
  const total = recipientIds.length;
  // at least one per variant where the audience allows, so every subject is tried
  const size = total === 0 ? 0 : Math.min(total, Math.max(variants, Math.round((total * percent) / 100)));
  const shuffled = recipientIds
    .map((id) => ({ id, key: sha256(`ab-sample\n${messageId}\n${id}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id));
  const groups: number[][] = Array.from({ length: variants }, () => []);
  shuffled.slice(0, size).forEach((r, i) => groups[i % variants]!.push(r.id));
  return groups;
}
