// The organiser's app's own words: one ICU MessageFormat catalogue per shipped language in
// src/i18n/catalogues/app/, English the reference. The app gets its language's catalogue with English
// filling any gap, and formats the messages in the browser with intl-messageformat.
import { readdirSync, readFileSync } from 'node:fs';
import { REFERENCE_LANGUAGE } from '../../i18n/index.ts';

const DIR = new URL('../../i18n/catalogues/app/', import.meta.url);

export type AppCatalogue = Record<string, string>;

function loadAppCatalogues(): ReadonlyMap<string, AppCatalogue> {
  const catalogues = new Map<string, AppCatalogue>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    catalogues.set(file.slice(0, -'.json'.length), JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as AppCatalogue);
  }
  if (!catalogues.has(REFERENCE_LANGUAGE)) throw new Error('i18n: the app has no English catalogue');
  return catalogues;
}

export const appCatalogues = loadAppCatalogues();

/** The app's words in `lang`, English where the language lacks a key. */
export function appMessages(lang: string): AppCatalogue {
  return { ...appCatalogues.get(REFERENCE_LANGUAGE), ...appCatalogues.get(lang) };
}
