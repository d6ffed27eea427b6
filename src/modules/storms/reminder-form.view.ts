// Before a storm: the "Remind me" form and the link to the calendar entry, and the page that confirms a
// request. A plain form, no script; the confirmation says the same whoever the address belongs to.
import { renderPage, type PageBrand } from '../../http/layout.ts';
import type { Translator } from '../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../../lib/html.ts';
import { textDirection } from '../../lib/language.ts';
import { REMINDER_FORM_FIELD } from './reminder-form-token.ts';

export interface ReminderFormView {
  slug: string;
  formToken: string;
  /**
   * The visitor's own email link token (?r=) when it names a recipient: the form may then be sent without an
   * address, and the reminder goes where our email reached them. The address itself is never printed (a
   * forwarded link must not show it to someone else).
   */
  r: string | undefined;
}

export function reminderFormHtml(form: ReminderFormView, t: Translator): SafeHtml {
  const { slug } = form;
  return html`<section class="remind" aria-labelledby="remind-title">
<h2 id="remind-title">${t.text('reminder.form.title')}</h2>
<form method="post" action="/s/${slug}/remind?lang=${t.lang}">
<input type="hidden" name="${REMINDER_FORM_FIELD}" value="${form.formToken}">
${form.r ? html`<input type="hidden" name="r" value="${form.r}">` : ''}
<label for="remind-email">${t.text('reminder.form.email')}</label>
<input type="email" id="remind-email" name="email" value=""${form.r ? '' : raw(' required')} maxlength="254" autocomplete="email" autocapitalize="none" spellcheck="false" dir="ltr" aria-describedby="remind-explain">
<p class="muted" id="remind-explain">${form.r ? html`${t.text('reminder.form.emailFromLink')} ` : ''}${t.text('reminder.form.explain')}</p>
<button type="submit">${t.text('reminder.form.button')}</button>
</form>
<p><a href="/s/${slug}/storm.ics?lang=${t.lang}" download="${slug}.ics">${t.text('reminder.calendar')}</a></p>
</section>`;
}

export function reminderRequestedPage(storm: { slug: string; title: string; language: string }, t: Translator, languages: SafeHtml, brand: PageBrand): string {
  const title = t.text('reminder.done.title');
  const content = storm.language === t.lang ? raw('') : html` lang="${storm.language}" dir="${textDirection(storm.language)}"`;
  return renderPage({
    title, lang: t.lang, languages, brand,
    body: html`<h1>${title}</h1>
<p>${t.html('reminder.done.text', { title: html`<bdi${content}>${storm.title}</bdi>` })}</p>
<p><a href="/s/${storm.slug}/storm.ics?lang=${t.lang}" download="${storm.slug}.ics">${t.text('reminder.calendar')}</a></p>
<p><a href="/s/${storm.slug}">${t.text('reminder.done.back')}</a></p>`,
  });
}
