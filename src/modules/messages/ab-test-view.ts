// A message's A/B test as the API shows it.
import type { Message } from '../../db/schema.ts';
import { abSubjectsOf } from './ab-test-input.ts';

export interface AbTestView {
  subjects: string[];
  sample_percent: number;
  decide_after_minutes: number;
  /** When the winner is (or was) chosen; null until the sample goes out. */
  decide_at: string | null;
  /** Index into subjects; null until decided. */
  winner: number | null;
  decided_at: string | null;
}

type AbColumns = Pick<Message, 'ab_subjects' | 'ab_sample_percent' | 'ab_decide_after_minutes' | 'ab_decide_at' | 'ab_winner' | 'ab_decided_at'>;

export function abTestView(m: AbColumns): AbTestView | null {
  const subjects = abSubjectsOf(m);
  if (!subjects) return null;
  return {
    subjects,
    sample_percent: m.ab_sample_percent ?? 0,
    decide_after_minutes: m.ab_decide_after_minutes ?? 0,
    decide_at: m.ab_decide_at,
    winner: m.ab_winner,
    decided_at: m.ab_decided_at,
  };
}
