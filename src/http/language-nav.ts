// The links at the top of a public page to the same page in each shipped language (?lang=, which the
// page then remembers), each name written in its own language and direction.
import { createTranslator, shippedLanguages, translatedFragment, type Translator } from '../i18n/index.ts';
import { html, raw, type SafeHtml } from '../lib/html.ts';
import { textDirection } from '../lib/language.ts';

const AUTONYMS = new Map(shippedLanguages.map((lang) => [lang, createTranslator(lang).text('language.name')]));

/** `query` is the page's own query; `keep` names the parameters the links carry over. */
export function languageNav(t: Translator, query: Record<string, unknown>, keep: readonly string[]): SafeHtml {
  const kept: string[][] = [];
  for (const name of keep) if (typeof query[name] === 'string') kept.push([name, query[name]]);
  // most visitors of a page come with the same query (none): the links are written once per language for it
  return translatedFragment(t, kept.length === 0 ? 'nav.languages' : `nav.languages\n${new URLSearchParams(kept)}`, () => render(t, kept));
}

function render(t: Translator, kept: string[][]): SafeHtml {
  const href = (lang: string) => `?${new URLSearchParams([...kept, ['lang', lang]])}`;
  return html`<nav class="languages" aria-label="${t.text('nav.languages')}"><ul>
${shippedLanguages.map((lang) => html`<li><a href="${href(lang)}" hreflang="${lang}" lang="${lang}" dir="${textDirection(lang)}"${lang === t.lang ? raw(' aria-current="true"') : ''}>${AUTONYMS.get(lang)}</a></li>
`)}</ul></nav>`;
}
