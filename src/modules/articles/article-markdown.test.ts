import { describe, expect, it } from 'vitest';
import { renderArticleBody } from './article-markdown.ts';

describe('an article\'s Markdown as HTML', () => {
  it('puts the body\'s headings under the page\'s title and tells linked sites nothing', () => {
    expect(renderArticleBody('# Why\n\nSee [the report](https://example.org/r).')).toBe(
      '<h2>Why</h2>\n<p>See <a href="https://example.org/r" rel="noopener noreferrer">the report</a>.</p>\n');
  });

  it('links nothing but http(s) and mailto, and shows raw HTML as text', () => {
    const html = renderArticleBody('[a](javascript:alert(1)) [b](data:text/html,x) [c](mailto:a@example.org)\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/href="(?:javascript|data):/);
    expect(html).toContain('<a href="mailto:a@example.org" rel="noopener noreferrer">c</a>');
    expect(html).toContain('&lt;iframe');
    expect(html).not.toContain('<iframe');
  });

  it('leaves out images, which would load from another origin', () => {
    expect(renderArticleBody('![a pixel](https://tracker.example/p.gif)')).not.toContain('<img');
  });
});
