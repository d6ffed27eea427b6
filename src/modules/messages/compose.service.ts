// Composing a message: what an organiser writes is checked here, once, so the send never meets a template
// it cannot render. Problems name the field and, for Liquid, the line.
import type { Deps } from '../../deps.ts';
import { invalid, type InvalidParam } from '../../http/problem.ts';
import { canonicalLanguage } from '../../lib/language.ts';
import { compileHtmlTemplate, compileTextTemplate, describeLiquidError } from '../../mail/liquid.ts';
import { formatMailbox, parseMailbox } from '../../mail/mailbox.ts';
import { placeholderValues } from './merge-values.ts';
import { insertMessage } from './messages.repo.ts';

export interface MessageInput {
  subject: string;
  body: string;
  /** "Name <address>"; the configured MAIL_FROM when absent. */
  from?: string | undefined;
  targets?: { tags?: string[] | undefined } | undefined;
  /** BCP 47; 'en' when absent. Sets the email's lang and direction. */
  language?: string | undefined;
}

export async function createMessage(deps: Pick<Deps, 'db' | 'clock'>, input: MessageInput): Promise<{ id: number }> {
  const fields = checkMessageInput(input);
  const now = deps.clock.now().toISOString();
  const id = await insertMessage(deps.db, {
    subject: fields.subject,
    body: fields.body,
    from_address: fields.from,
    language: fields.language,
    target_tags: JSON.stringify(fields.tags),
    status: 'draft',
    recipients_total: 0,
    created_at: now,
    updated_at: now,
  });
  return { id };
}

function checkMessageInput(input: MessageInput) {
  const problems: InvalidParam[] = [];
  const subject = input.subject.trim();
  if (subject.length < 1 || subject.length > 300) problems.push({ name: 'subject', reason: 'must be 1 to 300 characters' });
  if (/[\r\n]/.test(subject)) problems.push({ name: 'subject', reason: 'must be a single line' });
  else checkLiquid('subject', subject, compileTextTemplate, problems);

  if (input.body.trim() === '') problems.push({ name: 'body', reason: 'must not be empty' });
  else checkLiquid('body', input.body, compileHtmlTemplate, problems);

  let from: string | null = null;
  if (input.from !== undefined && input.from.trim() !== '') {
    const mailbox = parseMailbox(input.from);
    if (mailbox) from = formatMailbox(mailbox);
    else problems.push({ name: 'from', reason: 'must be one mailbox, like "Name <name@example.org>"' });
  }

  const language = input.language === undefined ? 'en' : canonicalLanguage(input.language);
  if (!language) problems.push({ name: 'language', reason: 'must be a language tag such as "en" or "ug"' });

  const tags = [...new Set((input.targets?.tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
  if (problems.length > 0) throw invalid(problems);
  return { subject, body: input.body, from, language: language!, tags };
}

/** Parses, then renders once with stand-in values, so errors that only show when rendering show now. */
function checkLiquid(name: string, source: string, compile: (s: string) => { render(scope: object): string }, problems: InvalidParam[]) {
  try {
    compile(source).render({ ...placeholderValues('someone@example.org'), __links: [], __unsubscribe_url: '' });
  } catch (err) {
    problems.push({ name, reason: describeLiquidError(err) });
  }
}
