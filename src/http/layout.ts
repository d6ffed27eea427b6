// The shell of every server-rendered public page: first-party CSS only, language and direction set.
import { html, type SafeHtml } from '../lib/html.ts';
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
${opts.description ? html`<meta name="description" content="${opts.description}">` : ''}
<link rel="stylesheet" href="/assets/public.css">
${(opts.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
</head>
<body>
${opts.languages ?? ''}
<main class="page">
${opts.body}
</main>
</body>
</html>`.value;
}
