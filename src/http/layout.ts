// The shell of every server-rendered public page: first-party CSS only, language and direction set.
import { html, raw, type SafeHtml } from '../lib/html.ts';
import { textDirection } from '../lib/language.ts';

export interface PageOptions {
  title: string;
  lang?: string;
  body: SafeHtml;
  /** First-party scripts under /assets/, loaded deferred; pages must work without them. */
  scripts?: string[];
  description?: string;
  /** The links to the same page in other languages (see languageNav). */
  languages?: SafeHtml;
  /** More of <head>: link-preview tags (Open Graph, Twitter cards), a canonical link. */
  head?: SafeHtml;
  /** The organisation: its name (and logo) at the top, its colours for links and buttons. */
  brand?: PageBrand;
}

export interface PageBrand {
  name: string;
  /** The logo on our own origin (its alt text is the name), or null. */
  logoSrc: string | null;
  /** The colours as CSS custom properties on our own origin, read after public.css (no inline style). */
  stylesheet: string;
}

export function renderPage(opts: PageOptions): string {
  const lang = opts.lang ?? 'en';
  return '<!doctype html>' + html`
<html lang="${lang}" dir="${textDirection(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${opts.title}</title>
${opts.description ? html`<meta name="description" content="${opts.description}">` : ''}${opts.head ? html`\n${opts.head}` : ''}
<link rel="stylesheet" href="/assets/public.css">${opts.brand ? html`\n<link rel="stylesheet" href="${opts.brand.stylesheet}">` : ''}
${(opts.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
</head>
<body>
${opts.brand ? brandHeader(opts.brand) : ''}${opts.languages ?? ''}
<main class="page">
${opts.body}
</main>
</body>
</html>`.value;
}

function brandHeader({ name, logoSrc }: PageBrand): SafeHtml {
  // with a logo, its alt text says the name once; the name written beside it is for the eye only
  return html`<header class="brand">${logoSrc ? html`<img src="${logoSrc}" alt="${name}">` : ''}<span dir="auto"${logoSrc ? raw(' aria-hidden="true"') : ''}>${name}</span></header>
`;
}
