// Which shipped language serves a language tag: the same tag, or the same language in the same script
// (en-GB → en, zh-CN → zh-Hans, ug-Arab-CN → ug; zh-TW is Traditional Chinese, so nothing yet).
import { REFERENCE_LANGUAGE, shippedLanguages } from './catalogues.ts';

const maximized = shippedLanguages.map((tag) => ({ tag, full: new Intl.Locale(tag).maximize() }));

// every public page asks several times (its ?lang=, cookie, browser's languages), and parsing a tag with
// Intl.Locale is slow; visitors send only a few hundred different tags
const answers = new Map<string, string | undefined>();
const MAX_ANSWERS = 1_000;

export function supportedLanguage(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag === '' || tag.length > 35) return undefined;
  if (answers.has(tag)) return answers.get(tag);
  const answer = shippedLanguageFor(tag);
  if (answers.size >= MAX_ANSWERS) answers.clear();
  answers.set(tag, answer);
  return answer;
}

function shippedLanguageFor(tag: string): string | undefined {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.trim().replace(/_/g, '-'));
  } catch {
    return undefined;
  }
  const exact = shippedLanguages.find((s) => s.toLowerCase() === locale.baseName.toLowerCase());
  if (exact) return exact;
  const full = locale.maximize();
  return maximized.find((s) => s.full.language === full.language && s.full.script === full.script)?.tag;
}

/** The first of `candidates` a catalogue serves, else English. */
export function pickLanguage(candidates: readonly unknown[]): string {
  for (const candidate of candidates) {
    const lang = supportedLanguage(candidate);
    if (lang) return lang;
  }
  return REFERENCE_LANGUAGE;
}

const NO_LANGUAGES: readonly string[] = Object.freeze([]);

// a page view asks twice (its storm's language, its page's), and browsers send only a few different headers
const parsedHeaders = new Map<string, readonly string[]>();

/** The tags of an Accept-Language header, most wanted first (q=0 and * left out). */
export function acceptedLanguages(header: string | undefined): readonly string[] {
  if (!header) return NO_LANGUAGES;
  let tags = parsedHeaders.get(header);
  if (tags) return tags;
  tags = Object.freeze(parseAcceptLanguage(header));
  if (header.length <= 200) {
    if (parsedHeaders.size >= MAX_ANSWERS) parsedHeaders.clear();
    parsedHeaders.set(header, tags);
  }
  return tags;
}

function parseAcceptLanguage(header: string): string[] {
  return header.split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
