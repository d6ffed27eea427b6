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

/** A storm read's pages for one translator, by post, message and language links (each the very string the
 * caches hand out, whose hash V8 keeps), then by a key of the page's short inputs. */
interface Pages { count: number; byPost: Map<string, Map<string, Map<string, Map<string, Buffer>>>> }

const rendered = new WeakMap<Storm, WeakMap<Translator, Pages>>();

/** The page as UTF-8 bytes (encoded once, where a string would be measured for Content-Length, then encoded). */
export function actionPageBytes(page: Exclude<ActionPage, { state: 'missing' }>, extras: PageExtras): Buffer {
  if (page.state !== 'during') return Buffer.from(actionPageHtml(page, extras));
  let byTranslator = rendered.get(page.storm);
  if (!byTranslator) rendered.set(page.storm, byTranslator = new WeakMap());
  let pages = byTranslator.get(extras.t);
  if (!pages) byTranslator.set(extras.t, pages = { count: 0, byPost: new Map() });
  // everything the page shows beyond its storm read and its words (the view takes no other input): the long
  // parts as they are, the short ones each preceded by its length, so no value can pass for a run of several
  // past the bound nothing more is kept, not even an empty level
  const keep = pages.count < MAX_PAGES;
  const byKey = level(level(level(pages.byPost, page.postText, keep), page.variant.text, keep), extras.languages.value, keep);
  const key = part(page.variant.id) + part(page.target?.id) + part(page.nextPosition) + part(page.r) + part(page.posters)
    + part(extras.mastodonInstance) + part(extras.reminder?.value) + part(extras.brand.name) + part(extras.brand.logoSrc)
    + part(extras.brand.stylesheet);
  let bytes = byKey?.get(key);
  if (!bytes) {
    bytes = Buffer.from(actionPageHtml(page, extras));
    // a page with a recipient's own token or server is seldom asked for again: past the bound, not kept
    if (keep) {
      byKey!.set(key, bytes);
      pages.count++;
    }
  }
  return bytes;
}

function level<V>(map: Map<string, Map<string, V>> | undefined, key: string, create: boolean): Map<string, V> | undefined {
  let next = map?.get(key);
  if (!next && create) map!.set(key, next = new Map());
  return next;
}

function part(value: string | number | null | undefined): string {
  if (value === undefined) return '-';
  const text = String(value);
  return `${text.length}:${text}`;
}
