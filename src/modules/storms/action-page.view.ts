// The action page as HTML: plain forms and links that work with JavaScript off; /assets/storm.js only adds
// a countdown, the start time in the visitor's own zone and a live length counter.
import { renderPage } from '../../http/layout.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import type { ActionPage } from './action-page.service.ts';
import { NETWORKS, type Network } from './intents.ts';
import { LENGTH_RULES, xLength } from './post-length.ts';
import { MAX_POST_TEXT } from './post-text.ts';

const NETWORK_NAMES: Record<Network, string> = {
  x: 'X', bluesky: 'Bluesky', mastodon: 'Mastodon', threads: 'Threads', facebook: 'Facebook',
  linkedin: 'LinkedIn', whatsapp: 'WhatsApp', telegram: 'Telegram', email: 'Email',
};

export interface PageExtras {
  /** From the oc_mastodon cookie, to prefill the server field. */
  mastodonInstance: string | undefined;
}

export function actionPageHtml(page: Exclude<ActionPage, { state: 'missing' }>, extras: PageExtras): string {
  const { storm } = page;
  const body = page.state === 'before' ? beforeBody(page)
    : page.state === 'after' ? afterBody(page)
      : duringBody(page, extras);
  return renderPage({
    title: storm.title, lang: storm.language, body: html`<div class="storm">${body}</div>`,
    scripts: page.state === 'after' ? [] : ['storm.js'],
  });
}

export function stormNotFoundPage(): string {
  return renderPage({
    title: 'Storm not found',
    body: html`<h1>Storm not found</h1>
<p>There is no storm at this address. Please check the link in the email you were sent.</p>`,
  });
}

function beforeBody({ storm }: Extract<ActionPage, { state: 'before' }>): SafeHtml {
  return html`<h1>${storm.title}</h1>
<p>The storm starts on <time datetime="${storm.starts_at}" data-local-time>${formatStart(storm.starts_at, storm.timezone, storm.language)}</time>.</p>
<p class="countdown" data-countdown="${storm.starts_at}" data-label="Starts in" data-done="It has started: reload this page to take part." hidden></p>
<p class="muted">Come back to this page then: it will give you a message to post, ready to send.</p>`;
}

function afterBody({ storm }: Extract<ActionPage, { state: 'after' }>): SafeHtml {
  return html`<h1>Thank you</h1>
<p>The storm “${storm.title}” is over. Thank you to everyone who took part.</p>
${storm.article_url ? html`<p><a class="button" href="${storm.article_url}">Read and share this article</a></p>` : ''}`;
}

function duringBody(page: Extract<ActionPage, { state: 'during' }>, extras: PageExtras): SafeHtml {
  const { storm, variant, postText, r } = page;
  const xLimit = LENGTH_RULES.find((rule) => rule.network === 'x')!.limit;
  const length = xLength(postText);
  const another = page.nextPosition === undefined ? '' : html`<p><a class="another" href="${anotherHref(storm.slug, page.nextPosition, r)}">Another message</a></p>`;
  return html`<h1>${storm.title}</h1>
<form class="post" method="post" action="/s/${storm.slug}/post">
<input type="hidden" name="variant" value="${variant.id}">
${r ? html`<input type="hidden" name="r" value="${r}">` : ''}
<label for="post-text">Your post (change it as you like)</label>
<textarea id="post-text" name="text" rows="7" maxlength="${MAX_POST_TEXT}" aria-describedby="post-length" data-counter="post-length" data-limit="${xLimit}">${postText}</textarea>
<p class="counter" id="post-length"><span data-length class="${length > xLimit ? 'over' : ''}">${length}</span> / ${xLimit} characters on X</p>
${another}
<h2>Post it on</h2>
<ul class="networks">
${NETWORKS.map((n) => html`<li><button type="submit" name="network" value="${n}" data-network="${n}">${NETWORK_NAMES[n]}</button></li>
`)}</ul>
<label for="mastodon-instance">Your Mastodon server, for the Mastodon button</label>
<input type="text" id="mastodon-instance" name="mastodon_instance" value="${extras.mastodonInstance ?? ''}" placeholder="mastodon.social" autocomplete="off" autocapitalize="none" spellcheck="false" inputmode="url" dir="ltr">
</form>
<p class="muted">Each button opens that network with your post filled in; nothing is posted until you press its own button.</p>
${storm.article_url ? html`<p>Not on social media? <a href="${storm.article_url}">Read and share this article</a>.</p>` : ''}`;
}

function anotherHref(slug: string, position: number, r: string | undefined): string {
  const query = new URLSearchParams({ variant: String(position), ...(r ? { r } : {}) });
  return `/s/${slug}?${query}`;
}

/** The start, written out in the storm's own time zone (storm.js rewrites it into the visitor's). */
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
