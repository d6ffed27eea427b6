// An A/B subject test as an organiser asks for it, checked once: 2 to 4 subjects that render, a sample of
// 1–50% of the audience split evenly among them, and how long after the sample goes out the winner is chosen.
import type { Message } from '../../db/schema.ts';
import type { InvalidParam } from '../../http/problem.ts';
import { checkSubjectLine } from './liquid-check.ts';

export interface AbTestInput {
  subjects: string[];
  /** Share of the audience that gets a variant; the rest wait for the winner. Default 20. */
  sample_percent?: number | undefined;
  /** Minutes from the sample going out to the decision. Default 60. */
  decide_after_minutes?: number | undefined;
}

export const AB_DEFAULTS = { samplePercent: 20, decideAfterMinutes: 60 };
export const AB_LIMITS = { subjects: [2, 4], samplePercent: [1, 50], decideAfterMinutes: [1, 7 * 24 * 60] } as const;

export type AbTestColumns = Pick<Message, 'ab_subjects' | 'ab_sample_percent' | 'ab_decide_after_minutes'>;

/** The columns for the test; problems are pushed (names under `ab_test.`) and the columns are then unusable. */
export function checkAbTestInput(input: AbTestInput, problems: InvalidParam[]): AbTestColumns {
  const { subjects: [fewest, most], samplePercent: [pMin, pMax], decideAfterMinutes: [mMin, mMax] } = AB_LIMITS;
  if (input.subjects.length < fewest || input.subjects.length > most) {
    problems.push({ name: 'ab_test.subjects', reason: `must hold ${fewest} to ${most} subjects` });
  }
  const subjects = input.subjects.map((s, i) => checkSubjectLine(`ab_test.subjects.${i}`, s, problems));
  if (new Set(subjects).size !== subjects.length) problems.push({ name: 'ab_test.subjects', reason: 'must differ from each other' });
  const percent = input.sample_percent ?? AB_DEFAULTS.samplePercent;
  if (!Number.isInteger(percent) || percent < pMin || percent > pMax) {
    problems.push({ name: 'ab_test.sample_percent', reason: `must be a whole number from ${pMin} to ${pMax}` });
  }
  const minutes = input.decide_after_minutes ?? AB_DEFAULTS.decideAfterMinutes;
  if (!Number.isInteger(minutes) || minutes < mMin || minutes > mMax) {
    problems.push({ name: 'ab_test.decide_after_minutes', reason: `must be a whole number from ${mMin} to ${mMax}` });
  }
  return { ab_subjects: JSON.stringify(subjects), ab_sample_percent: percent, ab_decide_after_minutes: minutes };
}

/** The test's subjects, or undefined when the message has none. */
export function abSubjectsOf(message: Pick<Message, 'ab_subjects'>): string[] | undefined {
  return message.ab_subjects === null ? undefined : (JSON.parse(message.ab_subjects) as string[]);
}
