// A message made ready to send, once per send: Markdown → sanitised HTML → MJML layout → HTML, the
// plain-text part from the same HTML, and every template parsed once. Per recipient only the parsed
// templates run, with their values and their own tracked links. The footer's fixed words follow the
// recipient's own language where a catalogue serves it, else the message's: whoever reads the mail can
// read how to stop it.
import type { MessageKind } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { shippedLanguages, supportedLanguage } from '../../i18n/index.ts';
import { compileEmailFooter, type EmailFooter } from '../../mail/footer.ts';
import { renderEmailHtml } from '../../mail/layout.ts';
import { compileHtmlTemplate, compileTextTemplate, containsLiquid, type CompiledLiquid } from '../../mail/liquid.ts';
import { renderMarkdownBody } from '../../mail/markdown.ts';
import { htmlToPlainText } from '../../mail/plain-text.ts';
import { findBrand, translatorFor } from '../accounts/index.ts';
import { abSubjectsOf } from './ab-test-input.ts';
import type { MergeValues } from './merge-values.ts';
import { openPixelUrl, withOpenPixel } from './open-pixel.ts';
import { isWebUrl, trackedLinkUrl, unsubscribeUrl } from './tracked-links.ts';

export interface MessageContent {
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

export interface CompiledMessage {
  render(recipient: { token: string; values: MergeValues; subjectVariant?: number | null | undefined }): RenderedContent;
}

type TemplateDeps = Pick<Deps, 'secret' | 'config' | 'db'>;

const HREF = /href="([^"]*)"/g;

export async function compileMessage(deps: TemplateDeps, message: MessageContent): Promise<CompiledMessage> {
  const { html: bodyHtml, placeholders } = renderMarkdownBody(message.body);
  const tag = (liquid: string) => placeholders.put(liquid);

  // each web link becomes a variable holding that recipient's tracked URL; the destination itself may
  // hold merge tags, so it is a (text) template of its own
  const links: CompiledLiquid[] = [];
  const linkedHtml = bodyHtml.replace(HREF, (whole, href: string) => {
    const destination = placeholders.restore(decodeAttribute(href));
    const templated = containsLiquid(destination);
    if (!templated && !isWebUrl(destination)) return whole; // mailto:
    links.push(templated ? compileTextTemplate(destination) : { render: () => destination });
    return `href="${tag(`{{ __links[${links.length - 1}] }}`)}"`;
  });

  // the organisation's name, logo and colour, read once for the whole send
  const brand = await findBrand(deps);
  const footers = new Map<string, (url: string) => EmailFooter>();
  const reason = message.kind === 'reminder' ? 'email.footer.reasonReminder' : 'email.footer.reason';
  for (const lang of shippedLanguages) footers.set(lang, compileEmailFooter(await translatorFor(deps, lang), brand.name, reason));
  const messageFooter = footers.get(supportedLanguage(message.language) ?? 'en')!;
  const footerFor = (language: string | null | undefined) => footers.get(supportedLanguage(language) ?? '') ?? messageFooter;

  // the footer and the organisation's name are values, not template source: their words can never be read as Liquid
  const logoUrl = brand.logoSrc && `${deps.config.publicUrl}${brand.logoSrc}`;
  const html = await renderEmailHtml({
    bodyHtml: linkedHtml, lang: message.language, title: tag('{{ __subject }}'), footerHtml: tag('{{ __footer_html | raw }}'),
    brand: { name: tag('{{ __org_name }}'), logoUrl: logoUrl && tag('{{ __logo_url }}'), colour: brand.shown.primary },
  });
  const text = `${htmlToPlainText(linkedHtml)}\n\n${tag('{{ __footer_text }}')}\n`;

  const pixelled = message.track_opens ? withOpenPixel(html, tag('{{ __open_url }}')) : html;
  const htmlTemplate = compileHtmlTemplate(placeholders.restore(pixelled));
  const textTemplate = compileTextTemplate(placeholders.restore(text));
  const subjectTemplate = compileTextTemplate(message.subject);
  const variantTemplates = (abSubjectsOf({ ab_subjects: message.ab_subjects ?? null }) ?? []).map(compileTextTemplate);

  return {
    render({ token, values, subjectVariant }) {
      const subjectOf = (subjectVariant != null && variantTemplates[subjectVariant]) || subjectTemplate;
      const subject = subjectOf.render(values).replace(/[\r\n]+/g, ' ').trim();
      const unsubscribeLink = unsubscribeUrl(deps, token);
      const footer = footerFor(values.language)(unsubscribeLink);
      const scope = {
        ...values,
        __links: links.map((link) => {
          const url = link.render(values).trim();
          // a destination made from merge values must still be a web address, never javascript: or data:
          return isWebUrl(url) ? trackedLinkUrl(deps, token, url) : /^mailto:/i.test(url) ? url : '#';
        }),
        __footer_html: footer.html,
        __footer_text: footer.text,
        __subject: subject,
        __org_name: brand.name,
        __logo_url: logoUrl ?? '',
        __open_url: message.track_opens ? openPixelUrl(deps, token) : '',
      };
      return { subject, html: htmlTemplate.render(scope), text: textTemplate.render(scope), unsubscribeUrl: unsubscribeLink };
    },
  };
}

function decodeAttribute(value: string): string {
  return value.replace(/&(amp|quot|lt|gt|#39|#x27);/g, (_m, name: string) =>
    ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'", '#x27': "'" })[name] ?? _m);
}
