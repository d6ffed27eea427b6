// Around every screen: a skip link, the main navigation (what the role may use), the language, and
// signing out.
import type { ComponentChildren } from 'preact';
import { html } from '../lib/html.ts';
import { lang, languages, t } from '../lib/i18n.ts';
import { currentUser, signOut } from '../lib/session.ts';

const SECTIONS = [
  ['/app', 'nav.home'],
  ['/app/supporters', 'nav.supporters'],
  ['/app/messages', 'nav.messages'],
  ['/app/storms', 'nav.storms'],
  ['/app/settings', 'nav.settings'],
] as const;

function isCurrent(section: string, path: string): boolean {
  return section === '/app' ? path === '/app' : path === section || path.startsWith(`${section}/`);
}

export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const user = currentUser();
  return html`
    <a class="skip" href="#main">${t('nav.skip')}</a>
    <header class="top">
      <a class="brand" href="/app">${t('app.title')}</a>
      <nav aria-label=${t('nav.label')}>
        <ul>
          ${SECTIONS.map(([href, key]) => html`<li><a href=${href} aria-current=${isCurrent(href, path) ? 'page' : undefined}>${t(key)}</a></li>`)}
        </ul>
      </nav>
      <div class="account">
        <span class="who"><bdi>${user.name}</bdi> <span class="role">(${t(`role.${user.role}`)})</span></span>
        <button type="button" class="link" onClick=${() => void signOut()}>${t('nav.signOut')}</button>
      </div>
      <nav class="langs" aria-label=${t('nav.language')}>
        <ul>
          ${languages.map((l) => html`<li><a href=${`?lang=${l.tag}`} data-reload lang=${l.tag} hreflang=${l.tag} dir=${l.dir}
            aria-current=${l.tag === lang ? 'true' : undefined}>${l.name}</a></li>`)}
        </ul>
      </nav>
    </header>
    <main id="main">${children}</main>`;
}
