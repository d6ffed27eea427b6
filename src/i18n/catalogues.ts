// The message catalogues that ship with Outcry: one ICU MessageFormat file per language in catalogues/,
// named by its BCP 47 tag. English is the reference: it has every key, and a key another catalogue lacks
// falls back to it. Adding a language is adding one file.
import { readdirSync, readFileSync } from 'node:fs';
import en from './catalogues/en.json' with { type: 'json' };

export type MessageKey = keyof typeof en;
export type Catalogue = Partial<Record<MessageKey, string>>;

export const REFERENCE_LANGUAGE = 'en';
export const referenceCatalogue: Readonly<Record<MessageKey, string>> = en;

const DIR = new URL('./catalogues/', import.meta.url);

function loadCatalogues(): ReadonlyMap<string, Catalogue> {
  const catalogues = new Map<string, Catalogue>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
    const tag = file.slice(0, -'.json'.length);
    const canonical = Intl.getCanonicalLocales(tag)[0];
    if (canonical !== tag) throw new Error(`i18n: name the catalogue ${file} "${canonical}.json"`);
    const entries = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(entries)) {
      if (!isMessageKey(key)) throw new Error(`i18n: ${file} has "${key}", which English does not`);
      if (typeof value !== 'string') throw new Error(`i18n: ${file}: "${key}" must be a string`);
    }
    catalogues.set(tag, entries as Catalogue);
  }
  return catalogues;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

const catalogues = loadCatalogues();

/** Every language with a catalogue, English first, then by tag. */
export const shippedLanguages: readonly string[] =
  [REFERENCE_LANGUAGE, ...[...catalogues.keys()].filter((tag) => tag !== REFERENCE_LANGUAGE)];

export function catalogueOf(lang: string): Catalogue {
  return catalogues.get(lang) ?? {};
}
