import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { compileSimpleTemplate } from './liquid-simple.ts';

const options = { strictFilters: true, ownPropertyOnly: true };
const html = new Liquid({ ...options, outputEscape: 'escape' });
const text = new Liquid(options);

const templates = [
  'Hi {{ first_name | default: "friend" }},',
  "Hi {{first_name|default:'friend'}}!",
  '{{ first_name }} {{ last_name }} <{{ email }}>',
  '<a href="{{ __links[0] }}">x</a><a href="{{ __links[1] }}">y</a>',
  '{{ __footer_html | raw }} and {{ __footer_html }}',
  '{{ missing | default: "" | default: "second" }}',
  '{{ first_name | default: "a" | default: "b" }}',
  'no tags at all & <b>',
  '{{ country | default: "<unknown & \'far\'>" }}',
];
const scopes = [
  { first_name: 'John', last_name: null, email: 'j@example.org', country: 'GB', __links: ['https://a.example/?x=1&y=2', 'https://b.example/'], __footer_html: '<p>Stop</p>' },
  { first_name: '', last_name: '', email: '"quoted" <x>', country: null, __links: [], __footer_html: '' },
  { first_name: 'گۈلنار & <script>alert(1)</script>', email: "o'brien@example.org", __footer_html: 'a & b' },
  {},
];

describe('simple merge templates', () => {
  it('render exactly what LiquidJS renders, for HTML and for text', () => {
    for (const source of templates) {
      for (const [engine, escape] of [[html, true], [text, false]] as const) {
        const simple = compileSimpleTemplate(source, escape);
        expect(simple, source).toBeDefined();
        for (const scope of scopes) {
          expect(simple!.render(scope), `${source} with ${JSON.stringify(scope)}`).toBe(engine.parseAndRenderSync(source, scope));
        }
      }
    }
  });

  it('leave tags, other filters, literals and whitespace control to LiquidJS', () => {
    for (const source of ['{% if x %}y{% endif %}', '{{ name | upcase }}', '{{ true }}', '{{- name -}}', '{{ person.name }}', '{{ name', '{{ "lit" }}']) {
      expect(compileSimpleTemplate(source, true), source).toBeUndefined();
    }
  });

  it('hand back to LiquidJS when a value is not a string', () => {
    const simple = compileSimpleTemplate('{{ count }} people', false)!;
    expect(simple.render({ count: 3 })).toBeUndefined();
    expect(simple.render({ count: '3' })).toBe('3 people');
  });
});
