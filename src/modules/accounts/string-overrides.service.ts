// The public strings an organisation words its own way, per language: read for every public page and
// email (through a translator), replaced as a whole through PUT /api/v1/settings/strings/{lang}.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../db/schema.ts';
import { invalid, notFound, type InvalidParam } from '../../http/problem.ts';
import {
  catalogueOf, createTranslator, isMessageKey, messageShape, referenceCatalogue, REFERENCE_LANGUAGE, shippedLanguages,
  supportedLanguage, type Overrides, type Translator,
} from '../../i18n/index.ts';
import { readStringOverrides, writeStringOverrides } from './string-overrides.repo.ts';

export interface PublicStrings {
  language: string;
  /** The organisation's own wording, by key. */
  overrides: Record<string, string>;
  /** What the catalogue says, by key (English where the language's catalogue has no entry). */
  defaults: Record<string, string>;
}

// Storm pages are read in bursts: each language's translator (with the overrides) is made at most once per
// few seconds per process. Another process sees a change within that time; this one at once.
const CACHE_MS = 5_000;
const cache = new WeakMap<Db, Map<string, { at: number; translator: Promise<Translator> }>>();

/** The fixed words in `lang` (English when no catalogue serves it), the organisation's overrides first. */
export function translatorFor(deps: Pick<Deps, 'db'>, lang: string): Promise<Translator> {
  const tag = supportedLanguage(lang) ?? REFERENCE_LANGUAGE;
  let byLang = cache.get(deps.db);
  if (!byLang) cache.set(deps.db, (byLang = new Map()));
  const hit = byLang.get(tag);
  const now = Date.now();
  if (hit && now - hit.at < CACHE_MS) return hit.translator;
  const translator = loadOverrides(deps.db, tag).then((overrides) => createTranslator(tag, overrides));
  byLang.set(tag, { at: now, translator });
  translator.catch(() => byLang.delete(tag));
  return translator;
}

export async function getPublicStrings(deps: Pick<Deps, 'db'>, lang: string): Promise<PublicStrings> {
  const tag = shippedLanguage(lang);
  return view(tag, await loadOverrides(deps.db, tag));
}

/** Replaces the language's overrides with `input` (an empty object removes them all). */
export async function replaceStringOverrides(deps: Pick<Deps, 'db'>, lang: string, input: Record<string, string>): Promise<PublicStrings> {
  const tag = shippedLanguage(lang);
  const problems = Object.entries(input).flatMap(([key, value]) => checkOverride(tag, key, value));
  if (problems.length) throw invalid(problems, 'Some strings cannot be used');
  const overrides = Object.fromEntries(Object.entries(input).sort(([a], [b]) => a.localeCompare(b)));
  await writeStringOverrides(deps.db, tag, Object.keys(overrides).length ? JSON.stringify(overrides) : undefined);
  cache.get(deps.db)?.delete(tag);
  return view(tag, overrides);
}

function shippedLanguage(lang: string): string {
  const tag = supportedLanguage(lang);
  if (!tag) throw notFound(`A catalogue for "${lang}" (there are: ${shippedLanguages.join(', ')})`);
  return tag;
}

function checkOverride(lang: string, key: string, value: string): InvalidParam[] {
  if (!isMessageKey(key)) return [{ name: key, reason: 'is not a public string' }];
  if (value.trim() === '') return [{ name: key, reason: 'must not be empty' }];
  let shape;
  try {
    shape = messageShape(value, lang);
  } catch (err) {
    return [{ name: key, reason: `is not a valid ICU message: ${(err as Error).message}` }];
  }
  const reference = messageShape(referenceCatalogue[key], REFERENCE_LANGUAGE);
  const unknownArgs = [...shape.arguments].filter((a) => !reference.arguments.has(a));
  const unknownTags = [...shape.tags].filter((t) => !reference.tags.has(t));
  const problems: InvalidParam[] = [];
  if (unknownArgs.length) problems.push({ name: key, reason: `uses {${unknownArgs.join('}, {')}}; it may use ${describe(reference.arguments, '{', '}')}` });
  if (unknownTags.length) problems.push({ name: key, reason: `uses <${unknownTags.join('>, <')}>; it may use ${describe(reference.tags, '<', '>')}` });
  return problems;
}

function describe(names: Set<string>, open: string, close: string): string {
  return names.size ? [...names].map((n) => `${open}${n}${close}`).join(', ') : 'none';
}

function view(lang: string, overrides: Overrides): PublicStrings {
  const catalogue = catalogueOf(lang);
  const defaults = Object.fromEntries(Object.entries(referenceCatalogue).map(([key, english]) => [key, catalogue[key as keyof typeof catalogue] ?? english]));
  return { language: lang, overrides: overrides as Record<string, string>, defaults };
}

async function loadOverrides(db: Db, lang: string): Promise<Overrides> {
  const json = await readStringOverrides(db, lang);
  if (!json) return {};
  const parsed = JSON.parse(json) as Record<string, string>;
  // a key a newer version dropped is ignored rather than an error
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => isMessageKey(key)));
}
