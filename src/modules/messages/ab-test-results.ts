// How each subject of an A/B test did: recipients mailed with it, and unique clickers among them.
// Clicks are tracking's; which subject a person got is ours, so the two are matched here.
import type { Deps } from '../../deps.ts';
import { messageClickers } from '../tracking/index.ts';
import { countSentByVariant, selectVariantsOfPeople } from './ab-test.repo.ts';

export interface VariantResult {
  subject: string;
  sent: number;
  /** People who got this subject and clicked at least one link. */
  clicked: number;
}

export async function abVariantResults(deps: Pick<Deps, 'db'>, messageId: number, subjects: string[]): Promise<VariantResult[]> {
  const sent = await countSentByVariant(deps.db, messageId);
  const variantOf = await selectVariantsOfPeople(deps.db, messageId, await messageClickers(deps, messageId));
  const clicked = subjects.map(() => 0);
  for (const variant of variantOf.values()) if (variant < clicked.length) clicked[variant]! += 1;
  return subjects.map((subject, i) => ({ subject, sent: sent.get(i) ?? 0, clicked: clicked[i]! }));
}

/** The variant with the most clickers; a tie goes to the earliest. */
export function pickWinner(results: Pick<VariantResult, 'clicked'>[]): number {
  return results.reduce((best, r, i) => (r.clicked > results[best]!.clicked ? i : best), 0);
}
