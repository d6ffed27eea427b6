// Stand-ins for text that must pass untouched through Markdown, sanitising, MJML and html-to-text
// (Liquid tags, link variables): plain letters and digits none of them alter, unique to one template.
import { randomBytes } from 'node:crypto';

export interface Placeholders {
  /** A stand-in that restore() turns back into `value`. */
  put(value: string): string;
  /** The value behind a stand-in, or undefined when the text is not one. */
  valueOf(placeholder: string): string | undefined;
  /** Every stand-in in the text replaced by its value. */
  restore(text: string): string;
  /** Matches one stand-in (global). */
  readonly pattern: RegExp;
}

export function createPlaceholders(avoid: string): Placeholders {
  let nonce: string;
  do nonce = randomBytes(5).toString('hex'); while (avoid.includes(nonce));
  const values: string[] = [];
  const pattern = new RegExp(`oc${nonce}x(\\d+)z`, 'g');
  const valueAt = (index: string) => values[Number(index)];
  return {
    put(value) {
      values.push(value);
      return `oc${nonce}x${values.length - 1}z`;
    },
    valueOf(placeholder) {
      const m = new RegExp(`^oc${nonce}x(\\d+)z$`).exec(placeholder);
      return m ? valueAt(m[1]!) : undefined;
    },
    restore(text) {
      return text.replace(pattern, (whole, index: string) => valueAt(index) ?? whole);
    },
    pattern,
  };
}
