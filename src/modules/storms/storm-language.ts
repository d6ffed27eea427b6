// The storm in the language a supporter reads: the first of their wishes (their choice on the page, their
// own language, their browser's) that the storm exists in, else the storm's own. The same variants with
// their text in that language, so rotation and the numbers per variant are one across languages.
import { matchLanguage } from '../../lib/content-language.ts';
import type { CachedStorm } from './storm-cache.ts';

// a storm read once a second is put into each language once, not once per visitor
const versions = new WeakMap<CachedStorm, Map<string, CachedStorm>>();

/** The language `wanted` gets of the storm: one of its translations', or its own. */
export function stormLanguageFor(cached: CachedStorm, wanted: readonly unknown[]): string {
  if (cached.translations.length === 0) return cached.storm.language;
  const languages = [cached.storm.language, ...cached.translations.map((t) => t.language)];
  for (const w of wanted) {
    const found = typeof w === 'string' ? matchLanguage(languages, w) : undefined;
    if (found) return found;
  }
  return cached.storm.language;
}

export function stormInLanguage(cached: CachedStorm, language: string): CachedStorm {
  const translation = cached.translations.find((t) => t.language === language);
  if (!translation) return cached;
  let byLanguage = versions.get(cached);
  if (!byLanguage) versions.set(cached, byLanguage = new Map());
  let version = byLanguage.get(language);
  if (!version) {
    const textOf = <V extends { position: number; text: string; removed_at: string | null }>(v: V): V =>
      (v.removed_at === null && translation.messages[v.position - 1] ? { ...v, text: translation.messages[v.position - 1]! } : v);
    version = {
      ...cached,
      storm: { ...cached.storm, language, title: translation.title, article_url: translation.article_url },
      variants: cached.variants.map(textOf),
      allVariants: cached.allVariants.map(textOf),
    };
    byLanguage.set(language, version);
  }
  return version;
}

/**
 * The storm as a supporter with these wishes reads it. A storm without translations is read as it is, and
 * the wishes (which a page gathers from several places) are not even asked for.
 */
export function stormAsWanted(cached: CachedStorm, wanted: () => readonly unknown[]): CachedStorm {
  return cached.translations.length === 0 ? cached : stormInLanguage(cached, stormLanguageFor(cached, wanted()));
}
