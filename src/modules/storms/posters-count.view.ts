// "1,234 people have posted" on the action page during a storm: written by the server, so it is there
// without JavaScript, then kept moving by /assets/live-counter.js from /s/:slug/live. The plural forms travel
// with it so the script writes a new number as the server would, in the page's language. Screen readers hear
// it through a separate polite live region, which the script fills at most every ten seconds.
import type { Translator } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../../lib/html.ts';

export function postersCountHtml(slug: string, posters: number, t: Translator): SafeHtml {
  const forms = JSON.stringify(t.pluralForms('storm.live.posted', 'count'));
  return html`<p class="posters" data-live="/s/${slug}/live" data-count="${posters}" data-forms="${forms}">${t.text('storm.live.posted', { count: posters })}</p>
<p class="visually-hidden" aria-live="polite" data-live-announce></p>`;
}
