// Liquid merge tags ({{ first_name | default: "friend" }}): two engines, one escaping output for HTML,
// one leaving it raw for the plain-text part and the subject. Templates are parsed once per send.
import { Liquid, type Template } from 'liquidjs';
import { compileSimpleTemplate, type SimpleTemplate } from './liquid-simple.ts';

const shared = {
  // no file system: {% include %} and {% render %} find nothing instead of reading files on the server
  templates: {},
  strictFilters: true,
  ownPropertyOnly: true,
  // a template is written by an organiser, but still must not hang or exhaust the sender
  parseLimit: 1_000_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
};

const htmlEngine = new Liquid({ ...shared, outputEscape: 'escape' });
const textEngine = new Liquid(shared);

export type LiquidScope = Record<string, unknown>;

export interface CompiledLiquid {
  render(scope: LiquidScope): string;
  /** The template cut into literal pieces and holes, when it is that simple (liquid-simple.ts). */
  simple?: SimpleTemplate | undefined;
}

function compileWith(engine: Liquid, source: string): CompiledLiquid {
  const templates: Template[] = engine.parse(source); // parsed even when unused: its errors are the organiser's messages
  const full = (scope: LiquidScope) => engine.renderSync(templates, scope) as string;
  const simple = compileSimpleTemplate(source, engine === htmlEngine);
  return simple ? { render: (scope) => simple.render(scope) ?? full(scope), simple } : { render: full };
}

/** For HTML: every value a tag prints is HTML-escaped, so `<script>` in a name arrives as text. */
export function compileHtmlTemplate(source: string): CompiledLiquid {
  return compileWith(htmlEngine, source);
}

/** For plain text, subjects and URLs: values are printed as they are. */
export function compileTextTemplate(source: string): CompiledLiquid {
  return compileWith(textEngine, source);
}

export function containsLiquid(source: string): boolean {
  return source.includes('{{') || source.includes('{%');
}

/** Where a Liquid error happened and what it is, in words for the organiser ("line 3: undefined filter: nope"). */
export function describeLiquidError(err: unknown): string {
  const e = err as { message?: string; token?: { getPosition?: () => [number, number] } };
  const message = (e.message ?? String(err)).replace(/,?\s*line:\d+, col:\d+\s*$/, '').trim();
  const position = e.token?.getPosition?.();
  return position ? `line ${position[0]}, column ${position[1]}: ${message}` : message;
}
