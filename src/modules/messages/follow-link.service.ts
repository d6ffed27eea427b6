// A click on a tracked link: the signature is checked before anything else, so only destinations we put
// in an email can be reached through our redirect; then the click is counted for the message. A token
// changed in the address still leads only there, and counts only for a recipient of that message.
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { recordEvent, verifySignedUrl } from '../tracking/index.ts';
import { findRecipientByToken } from './recipients.repo.ts';
import { isWebUrl, verifyTrackedLink, withAttribution, withoutAttribution } from './tracked-links.ts';

export const badLink = () => new Problem(400, 'bad-link', 'This link is not valid',
  'It may have been cut short when it was copied. Please use the link in the email again.');

export interface TrackedLink {
  token: unknown;
  /** The message the link was made for (m=); absent from links made before links were signed per message. */
  message: unknown;
  url: unknown;
  signature: unknown;
}

/** The destination to redirect to. `count` is false for a HEAD request (link scanners), which records nothing. */
export async function followTrackedLink(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'secret'>, link: TrackedLink, count = true): Promise<string> {
  const { token, message, url, signature } = link;
  if (!isTokenShaped(token) || typeof url !== 'string' || !isWebUrl(url)) throw badLink();
  let destination: string;
  let messageId: number | undefined;
  if (verifyTrackedLink(deps, signature, message, url)) {
    destination = withAttribution(deps.config.publicUrl, url, token);
    messageId = Number(message);
  } else if (verifySignedUrl(deps.secret, signature, 'link', token, url)) {
    // a link from a mail sent before links were signed once per send: the token and its attribution signed with it
    destination = url;
  } else {
    throw badLink();
  }
  if (count) {
    const recipient = await findRecipientByToken(deps.db, token);
    // the token is not signed: a click counts only for a recipient of the message the link was made for
    if (recipient && (messageId === undefined || recipient.message_id === messageId)) {
      await recordEvent(deps, {
        kind: 'click', message_id: recipient.message_id, person_id: recipient.person_id,
        url: withoutAttribution(deps.config.publicUrl, url),
      });
    }
  }
  return destination;
}
