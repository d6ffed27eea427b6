// During a storm, thousands of supporters a second are each shown one of a few pages: the same storm read,
// language, message, target and count. A page is rendered once, as bytes, and served to everyone it would be
// the same for while that storm read is current (storm-cache.ts: at most a second); a new read starts afresh.
// The page's inputs are its key, so nobody is served a page rendered for anyone else.
import type { Storm } from '../../db/schema.ts';
import type { Translator } from '../../i18n/index.ts';
import type { ActionPage } from './action-page.service.ts';
import { actionPageHtml, type PageExtras } from './action-page.view.ts';

/** Pages kept per storm read and translator: a few per message, target and hashtag (and visitors' own servers). */
const MAX_PAGES = 500;

const rendered = new WeakMap<Storm, WeakMap<Translator, Map<string, Buffer>>>();

/** The page as UTF-8 bytes (encoded once, where a string would be measured for Content-Length, then encoded). */
export function actionPageBytes(page: Exclude<ActionPage, { state: 'missing' }>, extras: PageExtras): Buffer {
  if (page.state !== 'during') return Buffer.from(actionPageHtml(page, extras));
  let byTranslator = rendered.get(page.storm);
  if (!byTranslator) rendered.set(page.storm, byTranslator = new WeakMap());
  let pages = byTranslator.get(extras.t);
  if (!pages) byTranslator.set(extras.t, pages = new Map());
  // everything the page shows beyond its storm read and its words (the view takes no other input), each
  // part preceded by its length, so no value can pass for a run of several
  const key = part(page.variant.id) + part(page.variant.text) + part(page.target?.id) + part(page.postText) + part(page.nextPosition)
    + part(page.r) + part(page.posters) + part(extras.mastodonInstance) + part(extras.languages.value) + part(extras.reminder?.value)
    + part(extras.brand.name) + part(extras.brand.logoSrc) + part(extras.brand.stylesheet);
  let bytes = pages.get(key);
  if (!bytes) {
    bytes = Buffer.from(actionPageHtml(page, extras));
    // a page with a recipient's own token or server is seldom asked for again: past the bound, not kept
    if (pages.size < MAX_PAGES) pages.set(key, bytes);
  }
  return bytes;
}

function part(value: string | number | null | undefined): string {
  if (value === undefined) return '-';
  const text = String(value);
  return `${text.length}:${text}`;
}
