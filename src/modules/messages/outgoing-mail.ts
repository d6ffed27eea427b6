// The envelope and headers around rendered content: one-click unsubscribe (RFC 8058), a Message-ID on
// our own domain, and a Feedback-ID so mailbox providers can report complaints per message.
import type { Deps } from '../../deps.ts';
import type { Message } from '../../db/schema.ts';
import { sign } from '../../lib/tokens.ts';
import type { OutgoingMail } from '../../mail/mailer.ts';
import { returnPathFor } from '../../mail/verp.ts';
import type { RenderedContent, RenderedMail } from './message-template.ts';
import { senderOf } from './messages.service.ts';

type MailDeps = Pick<Deps, 'secret' | 'config' | 'bounce'>;

export function outgoingMail(
  deps: MailDeps,
  message: Pick<Message, 'id' | 'from_address'>,
  content: RenderedContent | RenderedMail,
  recipient: { email: string; token: string },
): OutgoingMail {
  return {
    from: senderOf(deps, message),
    to: recipient.email,
    subject: content.subject,
    ...('body' in content ? { body: content.body } : { html: content.html, text: content.text }),
    headers: {
      'List-Unsubscribe': `<${content.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Feedback-ID': `message-${message.id}:outcry`,
    },
    // the same for a repeat of the same mail (after a crash), so a mailbox that has it can drop the copy;
    // derived from the token, but does not reveal it
    // VERP: a bounce sent back to this address names the recipient (when BOUNCE_DOMAIN is set)
    envelopeFrom: returnPathFor(deps, recipient.token),
    messageId: `${sign(deps.secret, 'message-id', recipient.token)}@${hostnameOf(deps.config.publicUrl)}`,
  };
}

let lastHost = { url: '', hostname: '' };

/** PUBLIC_URL's host name, parsed once rather than for every mail. */
function hostnameOf(url: string): string {
  if (lastHost.url !== url) lastHost = { url, hostname: new URL(url).hostname };
  return lastHost.hostname;
}
