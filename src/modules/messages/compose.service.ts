// Composing a message: what an organiser writes is checked here, once, so the send never meets a template
// it cannot render. Problems name the field and, for Liquid, the line.
import type { Deps } from '../../deps.ts';
import { invalid, type InvalidParam } from '../../http/problem.ts';
import { canonicalLanguage } from '../../lib/language.ts';
import { compileHtmlTemplate } from '../../mail/liquid.ts';
import { formatMailbox, parseMailbox } from '../../mail/mailbox.ts';
import { senderRefusal } from '../accounts/index.ts';
import { checkAbTestInput, type AbTestInput } from './ab-test-input.ts';
import { checkLiquid, checkSubjectLine } from './liquid-check.ts';
import { insertMessage } from './messages.repo.ts';
import { insertMessageTranslations, type MessageTranslation } from './translations.repo.ts';

export interface MessageInput {
  subject: string;
  body: string;
  /** "Name <address>"; the configured MAIL_FROM when absent. One of the sender identities when any are listed. */
  from?: string | undefined;
  targets?: { tags?: string[] | undefined } | undefined;
  /** BCP 47; 'en' when absent. Sets the email's lang and direction. */
  language?: string | undefined;
  /** Adds a first-party open pixel to the HTML part. Off by default. */
  track_opens?: boolean | undefined;
  /** Test 2–4 subjects on a sample first; the rest get the winner. */
  ab_test?: AbTestInput | undefined;
  /** The message in other languages: recipients of that language get it instead. */
  translations?: MessageTranslation[] | undefined;
}

export async function createMessage(deps: Pick<Deps, 'db' | 'clock' | 'config'>, input: MessageInput): Promise<{ id: number }> {
  const fromRefused = input.from?.trim() ? await senderRefusal(deps, input.from) : undefined;
  const fields = checkMessageInput(input, fromRefused);
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertMessage(trx, {
      subject: fields.subject,
      body: fields.body,
      from_address: fields.from,
      language: fields.language,
      target_tags: JSON.stringify(fields.tags),
      track_opens: fields.trackOpens ? 1 : 0,
      ...fields.abTest,
      status: 'draft',
      recipients_total: 0,
      created_at: now,
      updated_at: now,
    });
    await insertMessageTranslations(trx, id, fields.translations);
    return { id };
  });
}

/** `fromRefused`: why the sender may not be used (the organisation lists its sender identities). */
function checkMessageInput(input: MessageInput, fromRefused: string | undefined) {
  const problems: InvalidParam[] = [];
  const subject = checkSubjectLine('subject', input.subject, problems);

  if (input.body.trim() === '') problems.push({ name: 'body', reason: 'must not be empty' });
  else checkLiquid('body', input.body, compileHtmlTemplate, problems);

  let from: string | null = null;
  if (input.from !== undefined && input.from.trim() !== '') {
    const mailbox = parseMailbox(input.from);
    if (!mailbox) problems.push({ name: 'from', reason: 'must be one mailbox, like "Name <name@example.org>"' });
    else if (fromRefused) problems.push({ name: 'from', reason: fromRefused });
    else from = formatMailbox(mailbox);
  }

  const language = input.language === undefined ? 'en' : canonicalLanguage(input.language);
  if (!language) problems.push({ name: 'language', reason: 'must be a language tag such as "en" or "ug"' });

  const tags = [...new Set((input.targets?.tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
  const abTest = input.ab_test ? checkAbTestInput(input.ab_test, problems) : {};
  const translations = checkTranslations(input.translations ?? [], language, problems);
  if (problems.length > 0) throw invalid(problems);
  return { subject, body: input.body, from, language: language!, tags, trackOpens: input.track_opens === true, abTest, translations };
}

/** Each translation in a language of its own, other than the message's, with a subject and body that render. */
function checkTranslations(input: MessageTranslation[], original: string | undefined, problems: InvalidParam[]): MessageTranslation[] {
  const seen = new Set(original ? [original] : []);
  return input.map((t, i) => {
    const at = `translations.${i}`;
    const language = canonicalLanguage(t.language);
    if (!language) problems.push({ name: `${at}.language`, reason: 'must be a language tag such as "tr" or "zh-Hans"' });
    else if (seen.has(language)) problems.push({ name: `${at}.language`, reason: `"${language}" is already the message's language or another translation's` });
    if (language) seen.add(language);
    const subject = checkSubjectLine(`${at}.subject`, t.subject, problems);
    if (t.body.trim() === '') problems.push({ name: `${at}.body`, reason: 'must not be empty' });
    else checkLiquid(`${at}.body`, t.body, compileHtmlTemplate, problems);
    return { language: language ?? t.language, subject, body: t.body };
  });
}
