// Unsubscribing through the signed link every message carries: no login, no cookie, and never by a GET
// alone (link scanners open links). Doing it twice changes nothing the second time.
import type { Deps } from '../../deps.ts';
import { notFound, Problem } from '../../http/problem.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { changeSubscription } from '../people/index.ts';
import { recordEvent, verifySignedUrl } from '../tracking/index.ts';
import { findRecipientWithLanguages } from './recipients.repo.ts';

type UnsubscribeDeps = Pick<Deps, 'db' | 'clock' | 'secret'>;

export type UnsubscribeSource = 'one-click' | 'unsubscribe-page';

const badUnsubscribeLink = () => new Problem(400, 'bad-link', 'This unsubscribe link is not valid',
  'It may have been cut short when it was copied. Please use the link at the foot of the email again.');

export interface UnsubscribeLink {
  messageId: number;
  personId: number;
  /** For the page: the person's own language, then the message's (either may have no catalogue). */
  languages: unknown[];
}

/** Checks the link and returns whose it is (a message id and a person id). */
export async function checkUnsubscribeLink(deps: UnsubscribeDeps, token: unknown, signature: unknown): Promise<UnsubscribeLink> {
  if (!isTokenShaped(token) || !verifySignedUrl(deps.secret, signature, 'unsubscribe', token)) throw badUnsubscribeLink();
  const recipient = await findRecipientWithLanguages(deps.db, token);
  if (!recipient) throw notFound('Subscription');
  return { messageId: recipient.message_id, personId: recipient.person_id, languages: recipient.languages };
}

export async function unsubscribeByLink(deps: UnsubscribeDeps, token: unknown, signature: unknown, source: UnsubscribeSource): Promise<UnsubscribeLink> {
  const link = await checkUnsubscribeLink(deps, token, signature);
  const changed = await changeSubscription(deps, link.personId, 'unsubscribed', { source, detail: `message:${link.messageId}` });
  if (changed) await recordEvent(deps, { kind: 'unsubscribe', message_id: link.messageId, person_id: link.personId });
  return link;
}
