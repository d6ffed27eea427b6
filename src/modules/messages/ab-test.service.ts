// Setting or removing a message's A/B subject test. Only before its send has started: once a sample has
// gone out, changing the subjects would make the comparison meaningless.
import type { Deps } from '../../deps.ts';
import type { Message } from '../../db/schema.ts';
import { conflict, invalid, type InvalidParam } from '../../http/problem.ts';
import { checkAbTestInput, type AbTestColumns, type AbTestInput } from './ab-test-input.ts';
import { abTestView, type AbTestView } from './ab-test-view.ts';
import { updateMessageIfStatus } from './messages.repo.ts';
import { getMessageRow } from './messages.service.ts';

type AbDeps = Pick<Deps, 'db' | 'clock'>;

export async function setAbTest(deps: AbDeps, id: number, input: AbTestInput): Promise<AbTestView> {
  const problems: InvalidParam[] = [];
  const columns = checkAbTestInput(input, problems);
  if (problems.length > 0) throw invalid(problems);
  return (await changeAbTest(deps, id, columns))!;
}

export async function removeAbTest(deps: AbDeps, id: number): Promise<void> {
  await changeAbTest(deps, id, { ab_subjects: null, ab_sample_percent: null, ab_decide_after_minutes: null });
}

async function changeAbTest(deps: AbDeps, id: number, columns: AbTestColumns): Promise<AbTestView | null> {
  return deps.db.transaction().execute(async (trx) => {
    const message = await getMessageRow({ db: trx }, id);
    if (!notStarted(message)) {
      throw conflict('The A/B test can no longer be changed', `The message is ${message.status} and its send has started or ended.`);
    }
    const now = deps.clock.now().toISOString();
    if (!(await updateMessageIfStatus(trx, id, [message.status], { ...columns, updated_at: now }))) {
      throw conflict('The message changed meanwhile; try again');
    }
    return abTestView({ ...message, ...columns });
  });
}

function notStarted(m: Pick<Message, 'status' | 'started_at'>): boolean {
  return m.started_at === null && ['draft', 'scheduled', 'paused'].includes(m.status);
}
