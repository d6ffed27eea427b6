// What an ICU message asks for: the arguments it uses and the tags it wraps text in. An organiser's
// override may use only what the English message offers, so it can never ask for a value nobody passes.
import IntlMessageFormat from 'intl-messageformat';

export interface MessageShape {
  arguments: Set<string>;
  tags: Set<string>;
}

// @formatjs/icu-messageformat-parser's element types
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]); // argument, number, date, time, select, plural
const TAG = 8;

interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

/** The message's shape, or throws a SyntaxError naming what is wrong with it. */
export function messageShape(source: string, lang: string): MessageShape {
  const shape: MessageShape = { arguments: new Set(), tags: new Set() };
  const walk = (elements: Element[]) => {
    for (const el of elements) {
      if (ARGUMENT_TYPES.has(el.type) && typeof el.value === 'string') shape.arguments.add(el.value);
      if (el.type === TAG && typeof el.value === 'string') shape.tags.add(el.value);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(source, lang).getAst() as Element[]);
  return shape;
}
