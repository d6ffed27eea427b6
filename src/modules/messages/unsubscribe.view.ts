// The two unsubscribe pages. They name the organisation but not the address: a forwarded email's link
// should not show whose it was.
import { renderPage, type PageBrand } from '../../http/layout.ts';
import type { Translator } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../../lib/html.ts';

export function unsubscribePage(t: Translator, brand: PageBrand, action: string, languages: SafeHtml): string {
  const org = html`<bdi>${brand.name}</bdi>`;
  return renderPage({
    title: t.text('unsubscribe.title'), lang: t.lang, languages, brand,
    body: html`<h1>${t.html('unsubscribe.question', { org })}</h1>
<p>${t.html('unsubscribe.explain', { org })}</p>
<form method="post" action="${action}">
<input type="hidden" name="confirm" value="yes">
<button type="submit">${t.text('unsubscribe.button')}</button>
</form>`,
  });
}

export function unsubscribedPage(t: Translator, brand: PageBrand): string {
  const title = t.text('unsubscribed.title');
  return renderPage({
    title, lang: t.lang, brand,
    body: html`<h1>${title}</h1>
<p>${t.html('unsubscribed.text', { org: html`<bdi>${brand.name}</bdi>` })}</p>`,
  });
}
