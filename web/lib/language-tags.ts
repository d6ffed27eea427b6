// The languages an organiser is offered for a version of a storm or a message: the common ones of the
// campaigns Outcry serves, named in the app's own language by the browser's Intl data (no list to keep).
import { lang } from './i18n.ts';

export const COMMON_LANGUAGES = ['ug', 'tr', 'zh-Hans', 'en', 'ar', 'fa', 'ur', 'uz', 'kk', 'ky', 'de', 'fr', 'es', 'ru', 'ja', 'ko', 'nl', 'sv', 'it', 'zh-Hant'] as const;

let names: Intl.DisplayNames | undefined;

/** "Turkish (tr)": the tag's name in the app's language, the tag itself kept for the unambiguous. */
export function languageLabel(tag: string): string {
  try {
    names ??= new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' });
    const name = names.of(tag);
    return name ? `${name} (${tag})` : tag;
  } catch {
    // a tag the browser cannot read is still the organiser's to try: the server says whether it is one
    return tag;
  }
}
