// Language tags and their writing direction.

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku-Arab', 'ps', 'sd', 'ug', 'ur', 'yi']);

// Intl.Locale#maximize is slow and every page render asks: a page sees only a handful of tags
const directions = new Map<string, 'ltr' | 'rtl'>();

/** 'rtl' for languages written right to left (Uyghur in Arabic script, Arabic, Persian…), else 'ltr'. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  let dir = directions.get(lang);
  if (!dir) {
    dir = directionOf(lang);
    if (directions.size < 1000) directions.set(lang, dir);
  }
  return dir;
}

function directionOf(lang: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(lang);
    const script = locale.script ?? locale.maximize().script;
    if (script) return ['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg'].includes(script) ? 'rtl' : 'ltr';
    return RTL_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** A canonical BCP 47 tag, or undefined when the value is not one. */
export function canonicalLanguage(value: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(value.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}
