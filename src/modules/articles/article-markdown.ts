// An article's Markdown as HTML for our page, with the same tools as email bodies (markdown-it, then
// sanitize-html): raw HTML in the Markdown is shown as text, links may only be http(s) or mailto (no
// javascript:), and there are no images in the body, as the page loads nothing from other origins.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 's', 'del', 'a', 'ul', 'ol', 'li', 'blockquote',
    'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    // the page's own <h1> is the title: a heading in the body is one level down
    h1: 'h2',
    // a link out tells the other site nothing about where the reader came from
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
  },
  exclusiveFilter: (frame) => frame.tag === 'p' && frame.text.trim() === '' && !frame.mediaChildren.length,
};

export function renderArticleBody(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE);
}
