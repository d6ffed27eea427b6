// The app's words, from the catalogue the page carries (the server picked the language), formatted with
// intl-messageformat: plurals, numbers and dates as the language writes them.
import IntlMessageFormat from 'intl-messageformat';

export interface Language { tag: string; name: string; dir: 'ltr' | 'rtl' }

interface Boot {
  lang: string;
  dir: 'ltr' | 'rtl';
  languages: Language[];
  messages: Record<string, string>;
}

const boot = JSON.parse(document.getElementById('boot')?.textContent ?? '{}') as Boot;

export const lang = boot.lang ?? 'en';
export const dir = boot.dir ?? 'ltr';
export const languages: readonly Language[] = boot.languages ?? [];

const formats = new Map<string, IntlMessageFormat>();

export type Values = Record<string, string | number | Date | ((chunks: unknown[]) => unknown)>;

// a name, an address or a title of the other direction inside a sentence keeps its own order (FSI … PDI)
const isolated = (values: Values | undefined) => values && Object.fromEntries(Object.entries(values)
  .map(([k, v]) => [k, typeof v === 'string' ? `\u2068${v}\u2069` : v]));

/** The message `key` with `values`; the key itself when the catalogue lacks it (a bug, but visible). */
export function t(key: string, values?: Values): string {
  const source = boot.messages?.[key];
  if (source === undefined) return key;
  let format = formats.get(key);
  if (!format) formats.set(key, format = new IntlMessageFormat(source, lang));
  return String(format.format(isolated(values) as Record<string, string>));
}

/** A message with tags (<a>…</a>) whose chunks become elements: `values.a = (chunks) => html\`<a>…\``. */
export function tRich(key: string, values: Values): unknown[] {
  const source = boot.messages?.[key] ?? key;
  const result = new IntlMessageFormat(source, lang).format<unknown>(values as Record<string, never>);
  return Array.isArray(result) ? result : [result];
}

const numbers = new Intl.NumberFormat(lang);
export const formatNumber = (n: number) => numbers.format(n);
export const formatPercent = (part: number, whole: number) =>
  new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(whole ? part / whole : 0);

/** A date and time in the browser's zone, or `timeZone` when given. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  // dateStyle and timeStyle cannot be combined with timeZoneName, so the fields are named one by one
  const fields: Intl.DateTimeFormatOptions = timeZone
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(lang, fields).format(new Date(iso));
}

/** The IANA zones to choose from: UTC and the browser's own first (browsers leave UTC out of their list). */
export function timeZones(current?: string): string[] {
  const all = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  return [...new Set([...(current ? [current] : []), 'UTC', browserZone(), ...all])];
}
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
