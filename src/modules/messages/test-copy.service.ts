// What a message will look like, and one real copy of it through the relay, before it goes to everyone.
// Merge values come from the person with that address when there is one, else each tag shows its name.
import type { Deps } from '../../deps.ts';
import { invalid, Problem } from '../../http/problem.ts';
import { randomToken } from '../../lib/tokens.ts';
import { parseMailbox } from '../../mail/mailbox.ts';
import { SmtpError } from '../../mail/mailer.ts';
import { findAudienceMemberByEmail } from '../people/index.ts';
import { mergeValuesOf, placeholderValues } from './merge-values.ts';
import { compileMessage, type RenderedContent } from './message-template.ts';
import { getMessageRow } from './messages.service.ts';
import { outgoingMail } from './outgoing-mail.ts';

type CopyDeps = Pick<Deps, 'db' | 'config' | 'secret' | 'bounce'>;

export interface Preview {
  subject: string;
  html: string;
  text: string;
}

export async function previewMessage(deps: CopyDeps, id: number, email?: string): Promise<Preview> {
  const { content } = await renderCopy(deps, id, email ? checkedAddress(email) : 'someone@example.org');
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

async function renderCopy(deps: CopyDeps, id: number, email: string): Promise<{
  message: Awaited<ReturnType<typeof getMessageRow>>; content: RenderedContent; token: string;
}> {
  const message = await getMessageRow(deps, id);
  const person = await findAudienceMemberByEmail(deps, email);
  const values = person ? mergeValuesOf(person) : placeholderValues(email);
  // a token no recipient has: links in a copy redirect (they are signed) but record nothing
  const token = randomToken();
  const compiled = await compileMessage(deps, message);
  return { message, content: compiled.render({ token, values }), token };
}

function checkedAddress(email: string): string {
  const mailbox = parseMailbox(email);
  if (!mailbox || mailbox.name) throw invalid([{ name: 'email', reason: 'must be an email address' }]);
  return mailbox.address;
}
