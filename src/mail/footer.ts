// The foot of every email in one language: who sends it, why the supporter gets it, how to stop. It
// carries its own lang and dir, so a footer in the recipient's language reads right inside a message
// written in another. Formatted once per send, in two pieces around the one thing that changes per
// recipient: the unsubscribe address.
import type { MessageKey, Translator } from '../i18n/index.ts';
import { escapeHtml, html } from '../lib/html.ts';

/**
 * A footer cut where its unsubscribe address goes: the same pieces for every recipient in one language.
 * The HTML has the address once (in our own markup); the text has it wherever the words put {url}, which
 * an organisation's own wording may do any number of times.
 */
export interface EmailFooterPieces {
  html: readonly [string, string];
  text: readonly string[];
}

const URL_MARK = '\u0000unsubscribe\u0000';
// in plain text, an isolate keeps a name written the other way round from pulling the sentence with it (not
// around the address: a mail client that makes it a link could take the isolate's mark into the link)
const isolate = (s: string) => `\u2068${s}\u2069`;

/** `reason`: why the supporter gets it, with an {org} argument; a reminder says it adds them to no list. */
export function compileEmailFooter(
  t: Translator, orgName: string, reason: Extract<MessageKey, `email.footer.reason${string}`> = 'email.footer.reason',
): EmailFooterPieces {
  const org = html`<bdi>${orgName}</bdi>`;
  const align = t.dir === 'rtl' ? 'right' : 'left';
  const footerHtml = `<div lang="${t.lang}" dir="${t.dir}" style="text-align:${align}">
<p><bdi>${escapeHtml(orgName)}</bdi></p>
<p>${t.html(reason, { org }).value}
<a href="${URL_MARK}">${t.html('email.footer.unsubscribe').value}</a></p>
</div>`;
  const footerText = `--\n${orgName}\n${t.text(reason, { org: t.dir === 'rtl' ? isolate(orgName) : orgName })}\n`
    + t.text('email.footer.unsubscribeLine', { url: URL_MARK });
  const [htmlBefore, htmlAfter] = footerHtml.split(URL_MARK) as [string, string];
  return { html: [htmlBefore, htmlAfter], text: footerText.split(URL_MARK) };
}
