// A message made ready to send, once per send: Markdown → sanitised HTML → MJML layout → HTML, the
// plain-text part from the same HTML, and every template parsed once. Per recipient only the parsed
// templates run, with their values and their own tracked links. The footer's fixed words follow the
// recipient's own language where a catalogue serves it, else the message's: whoever reads the mail can
// read how to stop it.
import type { MessageKind } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { shippedLanguages, supportedLanguage } from '../../i18n/index.ts';
import { compileEmailFooter, type EmailFooterPieces } from '../../mail/footer.ts';
import { renderEmailHtml } from '../../mail/layout.ts';
import { compilePart, multipartBody, wholePart, type MimeBody, type PartKind } from '../../mail/mime-body.ts';
import { compileHtmlTemplate, compileTextTemplate, containsLiquid, type CompiledLiquid } from '../../mail/liquid.ts';
import { renderMarkdownBody } from '../../mail/markdown.ts';
import { htmlToPlainText } from '../../mail/plain-text.ts';
import { findBrand, translatorFor } from '../accounts/index.ts';
import { abSubjectsOf } from './ab-test-input.ts';
import type { MergeValues } from './merge-values.ts';
import { openPixelUrl, withOpenPixel } from './open-pixel.ts';
import { isWebUrl, trackedLinkPieces, trackedLinkUrl, unsubscribeUrl } from './tracked-links.ts';

export interface MessageContent {
  /** The message's id: its tracked links are signed for it. */
  id: number;
  subject: string;
  body: string;
  language: string;
  /** 1 or true: the HTML carries the open pixel. */
  track_opens?: number | boolean;
  /** JSON array of A/B subject variants, picked per recipient by subjectVariant. */
  ab_subjects?: string | null;
  /** A reminder's footer says why it came without claiming a sign-up. */
  kind?: MessageKind;
}

export interface RenderedContent {
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string;
}

/** What the send path needs: the body already encoded (mail/mime-body.ts), the subject and the unsubscribe link. */
export interface RenderedMail {
  subject: string;
  body: MimeBody;
  unsubscribeUrl: string;
}

export interface RecipientOfMessage { token: string; values: MergeValues; subjectVariant?: number | null | undefined }

export interface CompiledMessage {
  /** The text and HTML as strings: previews and test copies. */
  render(recipient: RecipientOfMessage): RenderedContent;
  /** The same content as a MIME body: a send. */
  renderMail(recipient: RecipientOfMessage): RenderedMail;
}

type TemplateDeps = Pick<Deps, 'secret' | 'config' | 'db'>;

const HREF = /href="([^"]*)"/g;

export async function compileMessage(deps: TemplateDeps, message: MessageContent): Promise<CompiledMessage> {
  const { html: bodyHtml, placeholders } = renderMarkdownBody(message.body);
  const tag = (liquid: string) => placeholders.put(liquid);

  // each web link becomes that recipient's tracked URL. A link to one destination for everyone is two
  // fixed pieces around the recipient's token, made (and signed) once for the send, whose encodings the
  // body keeps; a destination that holds merge tags is a (text) template of its own, made per recipient.
  const links: ((token: string, values: MergeValues) => string)[] = [];
  const fixed: string[] = [];
  const linkedHtml = bodyHtml.replace(HREF, (whole, href: string) => {
    const destination = placeholders.restore(decodeAttribute(href));
    if (containsLiquid(destination)) {
      links.push(templatedLink(deps, message.id, compileTextTemplate(destination)));
      return `href="${tag(`{{ __links[${links.length - 1}] }}`)}"`;
    }
    if (!isWebUrl(destination)) return whole; // mailto:
    const { before, after } = trackedLinkPieces(deps, message.id, destination.trim());
    fixed.push(before, after);
    return `href="${tag(`{{ __fixed[${fixed.length - 2}] }}{{ __token }}{{ __fixed[${fixed.length - 1}] }}`)}"`;
  });

  // the organisation's name, logo and colour, read once for the whole send
  const brand = await findBrand(deps);
  const footers = new Map<string, EmailFooterPieces>();
  const reason = message.kind === 'reminder' ? 'email.footer.reasonReminder' : 'email.footer.reason';
  for (const lang of shippedLanguages) footers.set(lang, compileEmailFooter(await translatorFor(deps, lang), brand.name, reason));
  const messageFooter = footers.get(supportedLanguage(message.language) ?? 'en')!;
  const footerFor = (language: string | null | undefined) => footers.get(supportedLanguage(language) ?? '') ?? messageFooter;
  // the text footer holds the address wherever the words put it (an organisation's wording may do so any number
  // of times): each language's pieces are padded to the most any has, so one template serves them all, and the
  // pieces, the same for everyone in a language, keep their encodings
  const urlsInText = Math.max(0, ...[...footers.values()].map((f) => f.text.length - 1));
  const paddedText = new Map([...footers.values()].map((f) => [f, Array.from({ length: urlsInText + 1 }, (_, i) => f.text[i] ?? '')]));
  const footerTextTag = Array.from({ length: urlsInText }, (_, i) => `{{ __footer_text[${i}] }}{{ __footer_urls[${i}] }}`).join('')
    + `{{ __footer_text[${urlsInText}] }}`;

  // the footer and the organisation's name are values, not template source: their words can never be read as Liquid
  const logoUrl = brand.logoSrc && `${deps.config.publicUrl}${brand.logoSrc}`;
  const html = await renderEmailHtml({
    bodyHtml: linkedHtml, lang: message.language, title: tag('{{ __subject }}'), footerHtml: tag('{{ __footer_html_before | raw }}{{ __unsubscribe_url }}{{ __footer_html_after | raw }}'),
    brand: { name: tag('{{ __org_name }}'), logoUrl: logoUrl && tag('{{ __logo_url }}'), colour: brand.shown.primary },
  });
  const text = `${htmlToPlainText(linkedHtml)}\n\n${tag(footerTextTag)}\n`;

  const pixelled = message.track_opens ? withOpenPixel(html, tag('{{ __open_url }}')) : html;
  const htmlTemplate = compileHtmlTemplate(placeholders.restore(pixelled));
  const textTemplate = compileTextTemplate(placeholders.restore(text));
  const subjectTemplate = compileTextTemplate(message.subject);
  const variantTemplates = (abSubjectsOf({ ab_subjects: message.ab_subjects ?? null }) ?? []).map(compileTextTemplate);

  const textPart = partRenderer('plain', textTemplate);
  const htmlPart = partRenderer('html', htmlTemplate);

  function prepare({ token, values, subjectVariant }: RecipientOfMessage) {
    const subjectOf = (subjectVariant != null && variantTemplates[subjectVariant]) || subjectTemplate;
    const subject = subjectOf.render(values).replace(/[\r\n]+/g, ' ').trim();
    const unsubscribeLink = unsubscribeUrl(deps, token);
    const footer = footerFor(values.language);
    const scope = {
      ...values,
      __links: links.map((link) => link(token, values)),
      __fixed: fixed,
      __token: token,
      // the footer's words are fixed pieces (the same for everyone in a language); only the address is theirs
      __footer_html_before: footer.html[0],
      __footer_html_after: footer.html[1],
      __footer_text: paddedText.get(footer),
      __footer_urls: Array.from({ length: urlsInText }, (_, i) => (i < footer.text.length - 1 ? unsubscribeLink : '')),
      __unsubscribe_url: unsubscribeLink,
      __subject: subject,
      __org_name: brand.name,
      __logo_url: logoUrl ?? '',
      __open_url: message.track_opens ? openPixelUrl(deps, token) : '',
    };
    return { subject, scope, unsubscribeUrl: unsubscribeLink };
  }

  return {
    render(recipient) {
      const { subject, scope, unsubscribeUrl: link } = prepare(recipient);
      return { subject, html: htmlTemplate.render(scope), text: textTemplate.render(scope), unsubscribeUrl: link };
    },
    renderMail(recipient) {
      const { subject, scope, unsubscribeUrl: link } = prepare(recipient);
      return { subject, body: multipartBody(textPart(scope), htmlPart(scope)), unsubscribeUrl: link };
    },
  };
}

/** A link whose destination is made from merge values: it must still be a web address, never javascript: or data:. */
function templatedLink(deps: TemplateDeps, messageId: number, template: CompiledLiquid) {
  return (token: string, values: MergeValues) => {
    const url = template.render(values).trim();
    return isWebUrl(url) ? trackedLinkUrl(deps, messageId, token, url) : /^mailto:/i.test(url) ? url : '#';
  };
}

/** A part encoded from its template's pieces when the template is that simple, else from its whole output. */
function partRenderer(kind: PartKind, template: CompiledLiquid): (scope: Record<string, unknown>) => Buffer[] {
  const { simple } = template;
  const part = simple && compilePart(kind, simple.pieces);
  return (scope) => {
    const values = part && simple.values(scope);
    return values ? part.render(values) : wholePart(kind, template.render(scope));
  };
}

function decodeAttribute(value: string): string {
  return value.replace(/&(amp|quot|lt|gt|#39|#x27);/g, (_m, name: string) =>
    ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'", '#x27': "'" })[name] ?? _m);
}
