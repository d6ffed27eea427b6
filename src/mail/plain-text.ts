// The plain-text part, made from the body's HTML so both parts say the same.
import { convert } from 'html-to-text';

// Upper-casing headings would also upper-case the stand-ins for merge tags and links inside them.
const headings = ['h1', 'h2', 'h3', 'h4'].map((selector) => ({ selector, options: { uppercase: false } }));

export function htmlToPlainText(html: string): string {
  return convert(html, { wordwrap: 76, selectors: headings }).trim();
}
