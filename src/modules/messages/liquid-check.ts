// Checks of what an organiser writes, shared by composing and the A/B test: a template is parsed and
// rendered once with stand-in values, so errors that only show when rendering show now.
import type { InvalidParam } from '../../http/problem.ts';
import { compileTextTemplate, describeLiquidError } from '../../mail/liquid.ts';
import { placeholderValues } from './merge-values.ts';

export function checkLiquid(name: string, source: string, compile: (s: string) => { render(scope: object): string }, problems: InvalidParam[]) {
  try {
    compile(source).render({ ...placeholderValues('someone@example.org'), __links: [], __unsubscribe_url: '' });
  } catch (err) {
    problems.push({ name, reason: describeLiquidError(err) });
  }
}

/** A subject: one line of 1 to 300 characters that renders. Returns it trimmed. */
export function checkSubjectLine(name: string, raw: string, problems: InvalidParam[]): string {
  const subject = raw.trim();
  if (subject.length < 1 || subject.length > 300) problems.push({ name, reason: 'must be 1 to 300 characters' });
  if (/[\r\n]/.test(subject)) problems.push({ name, reason: 'must be a single line' });
  else checkLiquid(name, subject, compileTextTemplate, problems);
  return subject;
}
