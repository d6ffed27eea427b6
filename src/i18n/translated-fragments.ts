// Parts of a page that depend only on the page's language (and a few fixed things, such as a storm's
// link) are the same for every visitor: they are rendered once per translator, and a translator lives a
// few seconds (string-overrides.service.ts), so an organiser's new wording still shows within them.
import type { Translator } from './translator.ts';

/** Fragments per translator: each page has a handful, and a key may name a storm, so a bound is kept. */
const MAX_FRAGMENTS = 1_000;

const fragments = new WeakMap<Translator, Map<string, unknown>>();

/** What `render` gives for `t`, rendered the first time `key` is asked for with this translator. */
export function translatedFragment<T>(t: Translator, key: string, render: () => T): T {
  let kept = fragments.get(t);
  if (!kept) fragments.set(t, kept = new Map());
  if (kept.has(key)) return kept.get(key) as T;
  const value = render();
  if (kept.size >= MAX_FRAGMENTS) kept.clear();
  kept.set(key, value);
  return value;
}
