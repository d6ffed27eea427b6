// The email around a message body (MJML → HTML that mail clients render alike), with room for the footer
// (footer.ts) and the organisation's logo and colour. Nothing is loaded from elsewhere: the logo is ours.
import { escapeHtml } from '../lib/html.ts';
import { renderMjml } from './mjml-render.ts';
import { textDirection } from '../lib/language.ts';

export interface LayoutInput {
  /** Sanitised body HTML; a paragraph that is a single link becomes a button. */
  bodyHtml: string;
  lang: string;
  /** Already HTML: a stand-in the caller fills per recipient. */
  title: string;
  /** Already HTML (or a stand-in for it): the footer, which sets its own language and direction. */
  footerHtml: string;
  /** The organisation's logo (an absolute address on our own origin) and its colour for buttons and links. */
  brand?: EmailBrand | undefined;
}

export interface EmailBrand {
  /** The logo's alt text. */
  name: string;
  logoUrl: string | null;
  /** #rrggbb, readable on white and under white text. */
  colour: string;
}

const BUTTON_COLOUR = '#b3261e';
const LINK_COLOUR = '#0b57d0';

const FONTS = "-apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

export async function renderEmailHtml(input: LayoutInput): Promise<string> {
  const dir = textDirection(input.lang);
  const align = dir === 'rtl' ? 'right' : 'left';
  const body = splitButtons(input.bodyHtml).map((part) => part.kind === 'button'
    ? `<mj-button href="${part.href}" align="${align}">${part.label}</mj-button>`
    : `<mj-text align="${align}">${part.html}</mj-text>`).join('\n');
  const { brand } = input;
  const logo = brand?.logoUrl ? `
    <mj-section background-color="#ffffff" padding="20px 0 0"><mj-column>
      <mj-image src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.name)}" width="160px" align="${align}" padding="0 24px" />
    </mj-column></mj-section>` : '';
  const source = `<mjml lang="${escapeHtml(input.lang)}" dir="${dir}">
  <mj-head>
    <mj-title>${input.title}</mj-title>
    <mj-attributes>
      <mj-all font-family="${FONTS}" />
      <mj-text font-size="16px" line-height="1.55" color="#1f1f1f" padding="4px 24px" />
      <mj-button background-color="${brand?.colour ?? BUTTON_COLOUR}" color="#ffffff" font-size="17px" font-weight="bold"
        border-radius="6px" inner-padding="14px 28px" padding="12px 24px" />
    </mj-attributes>
    <mj-style>a { color: ${brand?.colour ?? LINK_COLOUR}; } p { margin: 0 0 1em; }</mj-style>
  </mj-head>
  <mj-body background-color="#f3f3f3" width="600px">${logo}
    <mj-section background-color="#ffffff" padding="20px 0"><mj-column>
${body}
    </mj-column></mj-section>
    <mj-section padding="8px 0 24px"><mj-column>
      <mj-text align="${align}" font-size="13px" color="#5f5f5f">
        ${input.footerHtml}
      </mj-text>
    </mj-column></mj-section>
  </mj-body>
</mjml>`;
  return renderMjml(source);
}

type Part = { kind: 'html'; html: string } | { kind: 'button'; href: string; label: string };

const SINGLE_LINK_PARAGRAPH = /<p>\s*<a href="([^"]*)">((?:(?!<\/?a[\s>]|<\/p>)[\s\S])*?)<\/a>\s*<\/p>\n?/g;

/** Splits the body around paragraphs that hold nothing but one link: the calls to action. */
export function splitButtons(html: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of html.matchAll(SINGLE_LINK_PARAGRAPH)) {
    if (m.index > last) parts.push({ kind: 'html', html: html.slice(last, m.index) });
    parts.push({ kind: 'button', href: m[1]!, label: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < html.length) parts.push({ kind: 'html', html: html.slice(last) });
  return parts.filter((p) => p.kind === 'button' || p.html.trim() !== '');
}
