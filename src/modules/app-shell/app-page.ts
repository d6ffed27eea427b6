// The one HTML page of the organiser's app: it names the stylesheet and the modules (by their versioned
// URLs, through an import map), and carries the app's words in its language as JSON. The import map has
// to be inline, so this page's policy allows exactly that script by its hash, and no other inline script.
import { createHash } from 'node:crypto';
import { shippedLanguages } from '../../i18n/index.ts';
import { html, raw } from '../../lib/html.ts';
import { textDirection } from '../../lib/language.ts';
import { appMessages } from './app-catalogues.ts';
import type { WebFiles } from './web-files.ts';

export interface AppPage {
  render(lang: string): string;
  contentSecurityPolicy: string;
}

/** JSON safe inside a <script> element: nothing in it can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function createAppPage(files: WebFiles): AppPage {
  const importMap = scriptJson(files.importMap);
  const importMapHash = createHash('sha256').update(importMap).digest('base64');
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src 'self' 'sha256-${importMapHash}'`,
    // the email preview is an iframe with srcdoc, which takes this policy; emails are styled inline
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    // the storm page's preview, from our own origin
    "frame-src 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
  const languages = shippedLanguages.map((tag) => ({ tag, name: appMessages(tag)['language.name'], dir: textDirection(tag) }));
  const modules = files.all().filter((f) => f.type.startsWith('text/javascript') && f !== files.entry);

  return {
    contentSecurityPolicy,
    render(lang) {
      const messages = appMessages(lang);
      const boot = scriptJson({ lang, dir: textDirection(lang), languages, messages });
      return '<!doctype html>' + html`
<html lang="${lang}" dir="${textDirection(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${messages['app.title']}</title>
<link rel="stylesheet" href="${files.stylesheet.url}">
<script type="importmap">${raw(importMap)}</script>
<script type="module" src="${files.entry.url}"></script>
${modules.map((f) => html`<link rel="modulepreload" href="${f.url}">\n`)}
<script type="application/json" id="boot">${raw(boot)}</script>
</head>
<body>
<div id="app"><p class="loading">${messages['app.loading']}</p><noscript><p>${messages['app.noscript']}</p></noscript></div>
</body>
</html>`.value;
    },
  };
}
