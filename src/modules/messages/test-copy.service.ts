// What a message will look like, and one real copy of it through the relay, before it goes to everyone.
// Merge values come from the person with that address when there is one, else each tag shows its name.
import type { Deps } from '../../deps.ts';
import { invalid, Problem } from '../../http/problem.ts';
import { randomToken } from '../../lib/tokens.ts';
import { parseMailbox } from '../../mail/mailbox.ts';
import { SmtpError } from '../../mail/mailer.ts';
import { findAudienceMemberByEmail } from '../people/index.ts';
import { mergeValuesOf, placeholderValues } from './merge-values.ts';
import type { RenderedContent } from './message-template.ts';
import { compileMessageVersions } from './message-versions.ts';
import { getMessageRow } from './messages.service.ts';
import { outgoingMail } from './outgoing-mail.ts';

type CopyDeps = Pick<Deps, 'db' | 'config' | 'secret' | 'bounce'>;

export interface Preview {
  subject: string;
  html: string;
  text: string;
}

/** As `email`'s person would get it; `language` shows another language's version (and footer). */
export async function previewMessage(deps: CopyDeps, id: number, email?: string, language?: string): Promise<Preview> {
  const { content } = await renderCopy(deps, id, email ? checkedAddress(email) : 'someone@example.org', language);
  return { subject: content.subject, html: content.html, text: content.text };
}

/** Sends one copy, subject marked "[Test] "; returns the relay's answer. Its links work but count nothing. */
export async function sendTestCopy(deps: CopyDeps & Pick<Deps, 'mailer'>, id: number, email: string): Promise<{ response: string }> {
  const to = checkedAddress(email);
  const { message, content, token } = await renderCopy(deps, id, to);
  const mail = outgoingMail(deps, message, { ...content, subject: `[Test] ${content.subject}` }, { email: to, token });
  try {
    return await deps.mailer.send(mail);
  } catch (err) {
    if (!(err instanceof SmtpError)) throw err;
    throw new Problem(502, 'smtp-refused', 'The mail relay did not take the test copy', err.message);
  }
}

async function renderCopy(deps: CopyDeps, id: number, email: string, language?: string): Promise<{
  message: Awaited<ReturnType<typeof getMessageRow>>; content: RenderedContent; token: string;
}> {
  const message = await getMessageRow(deps, id);
  const person = await findAudienceMemberByEmail(deps, email);
  const found = person ? mergeValuesOf(person) : placeholderValues(email);
  const values = language ? { ...found, language } : found;
  // a token no recipient has: links in a copy redirect (they are signed) but record nothing
  const token = randomToken();
  const compiled = await compileMessageVersions(deps, message);
  return { message, content: compiled.render({ token, values }), token };
}

function checkedAddress(email: string): string {
  const mailbox = parseMailbox(email);
  if (!mailbox || mailbox.name) throw invalid([{ name: 'email', reason: 'must be an email address' }]);
  return mailbox.address;
}
