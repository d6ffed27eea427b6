// The A/B decision, from the two-second tick: once a test's time has come (by the message's clock), the
// subject with the most unique clickers in the sample wins and everyone held back is released with it.
// Recording the winner is keyed on "not yet decided", so a repeated tick changes nothing.
import type { Deps } from '../../deps.ts';
import { abSubjectsOf } from './ab-test-input.ts';
import { abVariantResults, pickWinner } from './ab-test-results.ts';
import { recordAbWinner, releaseHeldRecipients, selectAbDecisionsDue } from './ab-test.repo.ts';

export async function decideDueAbTests(deps: Pick<Deps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now().toISOString();
  for (const message of await selectAbDecisionsDue(deps.db, now)) {
    const subjects = abSubjectsOf(message) ?? [];
    // before the decision only the sample has a variant, so these are the sample's numbers
    const winner = pickWinner(await abVariantResults(deps, message.id, subjects));
    await deps.db.transaction().execute(async (trx) => {
      if (await recordAbWinner(trx, message.id, winner, now)) await releaseHeldRecipients(trx, message.id, winner);
    });
  }
}
