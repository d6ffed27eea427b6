// A message body is Markdown with Liquid merge tags. The tags are swapped for stand-ins first, so Markdown
// neither escapes their quotes nor percent-encodes them inside links, and restored after the layout.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { createPlaceholders, type Placeholders } from './placeholders.ts';

const markdown = new MarkdownIt({ html: false, linkify: true });

const LIQUID_TAG = /\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

// No images: a remote image is a tracking pixel for whoever hosts it, and we load nothing from elsewhere.
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 's', 'del', 'a', 'ul', 'ol', 'li', 'blockquote',
    'h1', 'h2', 'h3', 'h4', 'hr', 'code', 'pre'],
  allowedAttributes: { a: ['href'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  exclusiveFilter: (frame) => frame.tag === 'p' && frame.text.trim() === '' && !frame.mediaChildren.length,
};

export interface RenderedBody {
  /** Sanitised HTML in which every Liquid tag is still a stand-in. */
  html: string;
  /** Restores the Liquid tags (and anything else put in later). */
  placeholders: Placeholders;
}

export function renderMarkdownBody(source: string): RenderedBody {
  const placeholders = createPlaceholders(source);
  const protectedSource = source.replace(LIQUID_TAG, (tag) => placeholders.put(tag));
  const html = sanitizeHtml(markdown.render(protectedSource), SANITIZE);
  return { html: unwrapTagParagraphs(html, placeholders), placeholders };
}

/** `{% if %}` on a line of its own would otherwise leave an empty paragraph around it. */
function unwrapTagParagraphs(html: string, placeholders: Placeholders): string {
  return html.replace(/<p>([a-z0-9\s]+)<\/p>\n?/g, (whole, inner: string) => {
    const parts = inner.trim().split(/\s+/);
    const allBlockTags = parts.every((p) => placeholders.valueOf(p)?.startsWith('{%'));
    return allBlockTags ? `${parts.join('')}\n` : whole;
  });
}
