// The action page as HTML: plain forms and links that work with JavaScript off; /assets/storm.js only adds
// a countdown, the start time in the visitor's own zone and a live length counter. The fixed words come from
// the translator, in the page's language; the storm's own words (title, post) keep the storm's language and
// direction, marked where the two differ.
import { renderPage, type PageBrand } from '../../http/layout.ts';
import type { Translator } from '../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../../lib/html.ts';
import { textDirection } from '../../lib/language.ts';
import type { ActionPage } from './action-page.service.ts';
import { NETWORKS, type Network } from './intents.ts';
import { LENGTH_RULES, xLength } from './post-length.ts';
import { postersCountHtml } from './posters-count.view.ts';
import { MAX_POST_TEXT } from './post-text.ts';

const BRANDS: Record<Exclude<Network, 'email'>, string> = {
  x: 'X', bluesky: 'Bluesky', mastodon: 'Mastodon', threads: 'Threads', facebook: 'Facebook',
  linkedin: 'LinkedIn', whatsapp: 'WhatsApp', telegram: 'Telegram',
};

export interface PageExtras {
  /** From the oc_mastodon cookie, to prefill the server field. */
  mastodonInstance: string | undefined;
  /** The fixed words, in the page's language. */
  t: Translator;
  /** Links to this page in the other languages. */
  languages: SafeHtml;
  /** Before the storm: the "Remind me" form and the calendar link (reminder-form.view.ts). */
  reminder?: SafeHtml | undefined;
  /** The organisation's name, logo and colours. */
  brand: PageBrand;
}

export function actionPageHtml(page: Exclude<ActionPage, { state: 'missing' }>, extras: PageExtras): string {
  const { storm } = page;
  const { t } = extras;
  const content = contentAttributes(storm.language, t);
  const body = page.state === 'before' ? beforeBody(page, t, content, extras.reminder)
    : page.state === 'after' ? afterBody(page, t, content)
      : duringBody(page, extras, content);
  return renderPage({
    title: storm.title, lang: t.lang, languages: extras.languages, brand: extras.brand, body: html`<div class="storm">${body}</div>`,
    scripts: page.state === 'during' ? ['storm.js', 'live-counter.js'] : page.state === 'before' ? ['storm.js'] : [],
  });
}

export function stormNotFoundPage(t: Translator, brand?: PageBrand): string {
  const title = t.text('storm.notFound.title');
  return renderPage({ title, lang: t.lang, brand, body: html`<h1>${title}</h1>\n<p>${t.text('storm.notFound.text')}</p>` });
}

/** lang and dir for the storm's own words, when they are not in the page's language. */
function contentAttributes(language: string, t: Translator): SafeHtml {
  return language === t.lang ? raw('') : html` lang="${language}" dir="${textDirection(language)}"`;
}

function beforeBody({ storm }: Extract<ActionPage, { state: 'before' }>, t: Translator, content: SafeHtml, reminder: SafeHtml | undefined): SafeHtml {
  const start = html`<time datetime="${storm.starts_at}" data-local-time>${formatStart(storm.starts_at, storm.timezone, t.lang)}</time>`;
  return html`<h1${content}>${storm.title}</h1>
<p>${t.html('storm.before.starts', { start })}</p>
<p class="countdown" data-countdown="${storm.starts_at}" data-label="${t.text('storm.before.countdown', { time: '{time}' })}" data-days="${JSON.stringify(t.pluralForms('storm.before.countdownDays', 'days'))}" data-done="${t.text('storm.before.started')}" hidden></p>
<p class="muted">${t.text('storm.before.comeBack')}</p>
${reminder ?? ''}
${storm.article_url ? html`<p>${t.html('storm.during.noSocial', { a: (chunks) => html`<a href="${storm.article_url}">${chunks}</a>` })}</p>` : ''}`;
}

function afterBody({ storm, posters }: Extract<ActionPage, { state: 'after' }>, t: Translator, content: SafeHtml): SafeHtml {
  return html`<h1>${t.text('storm.after.title')}</h1>
<p>${t.html('storm.after.over', { title: html`<bdi${content}>${storm.title}</bdi>` })}</p>
${posters > 0 ? html`<p>${t.text('storm.after.posted', { count: posters })}</p>` : ''}
${storm.article_url ? html`<p><a class="button" href="${storm.article_url}">${t.text('storm.article')}</a></p>` : ''}`;
}

function duringBody(page: Extract<ActionPage, { state: 'during' }>, { t, mastodonInstance }: PageExtras, content: SafeHtml): SafeHtml {
  const { storm, variant, postText, r } = page;
  const xLimit = LENGTH_RULES.find((rule) => rule.network === 'x')!.limit;
  const length = xLength(postText);
  const another = page.nextPosition === undefined ? '' : html`<p><a class="another" href="${anotherHref(storm.slug, page.nextPosition, r)}">${t.text('storm.during.another')}</a></p>`;
  const counter = t.html('storm.during.counter', {
    length: html`<span data-length class="${length > xLimit ? 'over' : ''}">${t.number(length)}</span>`, limit: t.number(xLimit),
  });
  // ?lang= carries the page's language to an error page the form may lead to
  return html`<h1${content}>${storm.title}</h1>
${postersCountHtml(storm.slug, page.posters, t)}
<form class="post" method="post" action="/s/${storm.slug}/post?lang=${t.lang}">
<input type="hidden" name="variant" value="${variant.id}">
${page.target ? html`<input type="hidden" name="target" value="${page.target.id}">` : ''}
${r ? html`<input type="hidden" name="r" value="${r}">` : ''}
<input type="hidden" name="language" value="${storm.language}">
<label for="post-text">${t.text('storm.during.label')}</label>
<textarea id="post-text" name="text" rows="7" maxlength="${MAX_POST_TEXT}" aria-describedby="post-length" data-counter="post-length" data-limit="${xLimit}"${content}>${postText}</textarea>
<p class="counter" id="post-length">${counter}</p>
${another}
<h2>${t.text('storm.during.postOn')}</h2>
<ul class="networks">
${NETWORKS.map((n) => html`<li><button type="submit" name="network" value="${n}" data-network="${n}">${n === 'email' ? t.text('network.email') : BRANDS[n]}</button></li>
`)}</ul>
<label for="mastodon-instance">${t.text('storm.during.mastodon')}</label>
<input type="text" id="mastodon-instance" name="mastodon_instance" value="${mastodonInstance ?? ''}" placeholder="mastodon.social" autocomplete="off" autocapitalize="none" spellcheck="false" inputmode="url" dir="ltr">
</form>
<p class="muted">${t.text('storm.during.howItWorks')}</p>
${storm.article_url ? html`<p>${t.html('storm.during.noSocial', { a: (chunks) => html`<a href="${storm.article_url}">${chunks}</a>` })}</p>` : ''}`;
}

function anotherHref(slug: string, position: number, r: string | undefined): string {
  const query = new URLSearchParams({ variant: String(position), ...(r ? { r } : {}) });
  return `/s/${slug}?${query}`;
}

/** The start, written out in the storm's own time zone in the page's language (storm.js rewrites it into the visitor's zone). */
export function formatStart(iso: string, timeZone: string, language: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone,
  };
  try {
    return new Intl.DateTimeFormat(language, options).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' }).format(new Date(iso));
  }
}
