// Formats the fixed words of public pages and emails in one language: ICU MessageFormat (plurals, numbers)
// through FormatJS's intl-messageformat on the platform's own Intl data. An organiser's override comes
// first, then the language's catalogue, then English; a message that fails to format falls to the next.
import IntlMessageFormat from 'intl-messageformat';
import { escapeHtml, SafeHtml } from '../lib/html.ts';
import { textDirection } from '../lib/language.ts';
import { catalogueOf, REFERENCE_LANGUAGE, referenceCatalogue, type MessageKey } from './catalogues.ts';
import { supportedLanguage } from './negotiate.ts';

export type Overrides = Partial<Record<MessageKey, string>>;
export type TextValues = Record<string, string | number>;
/** Strings and numbers are escaped; SafeHtml goes in as it is; a function renders a tag such as <a>…</a>. */
export type HtmlValues = Record<string, string | number | SafeHtml | ((chunks: (string | SafeHtml)[]) => SafeHtml)>;

export interface Translator {
  /** The shipped language it speaks (a catalogue's tag). */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  text(key: MessageKey, values?: TextValues): string;
  html(key: MessageKey, values?: HtmlValues): SafeHtml;
  number(n: number): string;
  /**
   * A plural message for a browser script, which has Intl.PluralRules but no ICU: the message for each plural
   * category of the language, with "{n}" where the number goes.
   */
  pluralForms(key: MessageKey, argument: string): Readonly<Record<string, string>>;
}

/** A translator for `lang` (English when no catalogue serves it), with the organisation's overrides. */
export function createTranslator(lang: string, overrides: Overrides = {}): Translator {
  const tag = supportedLanguage(lang) ?? REFERENCE_LANGUAGE;
  const catalogue = catalogueOf(tag);
  const numbers = new Intl.NumberFormat(tag);

  function format<T>(key: MessageKey, values: Record<string, unknown> | undefined): string | T | (string | T)[] {
    const sources: [string | undefined, string][] = [[overrides[key], tag], [catalogue[key], tag], [referenceCatalogue[key], REFERENCE_LANGUAGE]];
    let lastError: unknown;
    for (const [source, locale] of sources) {
      if (source === undefined) continue;
      try {
        return compiled(source, locale).format<T>(values as Record<string, T>);
      } catch (err) {
        lastError = err;
      }
    }
    throw new Error(`i18n: "${key}" could not be formatted`, { cause: lastError });
  }

  // A translator's words never change (a change of overrides makes a new translator), and a page asks for
  // the same few again and again: what it wrote is kept, by key and values (not when a value is a function).
  const written = new Map<string, string | SafeHtml>();
  const plurals = new Map<string, Readonly<Record<string, string>>>();
  const numbersWritten = new Map<number, string>();
  function remembered<T extends string | SafeHtml>(kind: string, key: MessageKey, values: HtmlValues | undefined, write: () => T): T {
    const id = memoKey(kind, key, values);
    if (id === undefined) return write();
    let out = written.get(id) as T | undefined;
    if (out === undefined) {
      if (written.size >= MAX_WRITTEN) written.clear();
      written.set(id, out = write());
    }
    return out;
  }

  const translator: Translator = {
    lang: tag,
    dir: textDirection(tag),
    text(key, values) {
      return remembered('t', key, values, () => {
        const out = format<string>(key, values);
        return Array.isArray(out) ? out.join('') : out;
      });
    },
    html(key, values) {
      return remembered('h', key, values, () => {
        const out = format<SafeHtml>(key, values);
        const parts = Array.isArray(out) ? out : [out];
        return new SafeHtml(parts.map((p) => (p instanceof SafeHtml ? p.value : escapeHtml(p))).join(''));
      });
    },
    number(n) {
      let out = numbersWritten.get(n);
      if (out === undefined) {
        if (numbersWritten.size >= MAX_WRITTEN) numbersWritten.clear();
        numbersWritten.set(n, out = numbers.format(n));
      }
      return out;
    },
    pluralForms(key, argument) {
      let forms = plurals.get(`${key}\u0000${argument}`);
      if (!forms) plurals.set(`${key}\u0000${argument}`, forms = Object.freeze(pluralFormsOf(key, argument)));
      return forms;
    },
  };

  function pluralFormsOf(key: MessageKey, argument: string): Record<string, string> {
    const rules = new Intl.PluralRules(tag);
    const forms: Record<string, string> = {};
    for (const category of rules.resolvedOptions().pluralCategories) {
      // a number that falls in this category; 0 and 1 last, as messages often single them out (=0, =1)
      const n = [...Array.from({ length: 198 }, (_, i) => i + 2), 0, 1].find((i) => rules.select(i) === category);
      if (n === undefined) continue;
      forms[category] = translator.text(key, { [argument]: n }).replace(numbers.format(n), '{n}');
    }
    return forms;
  }
  return translator;
}

/** Words kept per translator: enough for every fixed word and a storm's worth of changing numbers. */
const MAX_WRITTEN = 2_000;

/** What identifies a message written with these values; undefined when a value is a function (a tag's renderer). */
function memoKey(kind: string, key: MessageKey, values: HtmlValues | undefined): string | undefined {
  let id = `${kind}:${key}`;
  if (values === undefined) return id;
  for (const name in values) {
    const v = values[name]!;
    if (typeof v === 'function') return undefined;
    // a SafeHtml goes in as it is and a string is escaped: the two must not share an entry; each part is
    // preceded by its length, so no value can pass for a run of several
    const text = v instanceof SafeHtml ? `h${v.value}` : typeof v === 'number' ? `n${v}` : `s${v}`;
    id += `|${name.length}:${name}${text.length}:${text}`;
  }
  return id;
}

const cache = new Map<string, IntlMessageFormat>();

function compiled(source: string, locale: string): IntlMessageFormat {
  const key = `${locale}\u0000${source}`;
  let format = cache.get(key);
  if (!format) {
    // overrides change now and then; a bounded cache keeps old versions from piling up
    if (cache.size > 5_000) cache.clear();
    format = new IntlMessageFormat(source, locale);
    cache.set(key, format);
  }
  return format;
}
