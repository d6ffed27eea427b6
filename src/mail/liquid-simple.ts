// Most merge templates are text with `{{ first_name | default: "friend" }}` holes. Running them through
// LiquidJS costs about 50 µs a message at a million recipients; cutting the source once into literal
// pieces and holes and joining them per recipient costs about 1 µs. Anything beyond plain variables,
// `default` with a quoted literal and `raw` (tags, other filters, whitespace control, non-string values)
// is left to LiquidJS, so the output is the same either way; liquid-simple.test.ts compares the two.

export type SimpleValue = string | null | undefined;

interface Hole {
  name: string;
  index: number | undefined;
  fallback: string | undefined;
  raw: boolean;
  /** The last value escaped, and how: a hole that prints the same string for everyone (a send's fixed pieces) is escaped once. */
  lastText?: string;
  lastEscaped?: string;
}

export interface SimpleTemplate {
  /** The output, or undefined when a value is not a plain string (the caller then asks LiquidJS). */
  render(scope: Record<string, unknown>): string | undefined;
  /** The literal text around the holes: the output is pieces[0] + values[0] + pieces[1] + … */
  readonly pieces: readonly string[];
  /** What each hole prints (escaped where the template escapes), or undefined as for render. */
  values(scope: Record<string, unknown>): string[] | undefined;
}

const OUTPUT = /\{\{([\s\S]*?)\}\}/g;
const VARIABLE = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d{1,4})\])?\s*/y;
const FILTER = /\|\s*(?:(raw)|default\s*:\s*(?:"([^"\\]*)"|'([^'\\]*)'))\s*/y;
// words Liquid reads as values, not variables
const LITERALS = new Set(['true', 'false', 'nil', 'null', 'empty', 'blank']);
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** Literal pieces and holes for `source`, or undefined when it needs LiquidJS. */
export function compileSimpleTemplate(source: string, escapeOutput: boolean): SimpleTemplate | undefined {
  if (source.includes('{%')) return undefined;
  const literals: string[] = [];
  const holes: Hole[] = [];
  let last = 0;
  for (const match of source.matchAll(OUTPUT)) {
    const hole = parseHole(match[1]!);
    if (!hole) return undefined;
    literals.push(source.slice(last, match.index));
    holes.push(hole);
    last = match.index + match[0].length;
  }
  const tail = source.slice(last);
  if (tail.includes('{{')) return undefined; // an unclosed output: LiquidJS has the error message for it
  literals.push(tail);

  const values = (scope: Record<string, unknown>): string[] | undefined => {
    const out: string[] = [];
    for (const hole of holes) {
      let value = scope[hole.name];
      if (hole.index !== undefined) value = Array.isArray(value) ? value[hole.index] : undefined;
      if (value !== null && value !== undefined && typeof value !== 'string') return undefined;
      let text = value ?? '';
      if (text === '' && hole.fallback !== undefined) text = hole.fallback;
      if (!escapeOutput || hole.raw) out.push(text);
      else {
        if (text !== hole.lastText) {
          hole.lastText = text;
          hole.lastEscaped = escapeHtml(text);
        }
        out.push(hole.lastEscaped!);
      }
    }
    return out;
  };
  return {
    pieces: literals,
    values,
    render(scope) {
      const printed = values(scope);
      if (!printed) return undefined;
      let out = literals[0]!;
      for (let i = 0; i < printed.length; i++) out += printed[i]! + literals[i + 1]!;
      return out;
    },
  };
}

function parseHole(expression: string): Hole | undefined {
  if (expression.startsWith('-') || expression.endsWith('-')) return undefined; // whitespace control
  VARIABLE.lastIndex = 0;
  const variable = VARIABLE.exec(expression);
  if (!variable || LITERALS.has(variable[1]!)) return undefined;
  const hole: Hole = { name: variable[1]!, index: variable[2] === undefined ? undefined : Number(variable[2]), fallback: undefined, raw: false };
  let at = VARIABLE.lastIndex;
  while (at < expression.length) {
    FILTER.lastIndex = at;
    const filter = FILTER.exec(expression);
    if (!filter) return undefined;
    // a second default never applies after the first gave a non-empty literal; keep LiquidJS's order
    if (filter[1]) hole.raw = true;
    else if (hole.raw) return undefined; // `raw | default` : rare, leave the subtleties to LiquidJS
    else if (hole.fallback === undefined || hole.fallback === '') hole.fallback = filter[2] ?? filter[3]!;
    at = FILTER.lastIndex;
  }
  return hole;
}

function escapeHtml(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}
