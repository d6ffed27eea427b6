// The page a one-time link opens: the first owner's account (name, address, password), or an invited
// user's password. Plain forms: no script.
import { CSRF_FIELD } from '../../http/csrf.ts';
import { renderPage } from '../../http/layout.ts';
import type { Translator } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import type { AccountLink } from './account-links.service.ts';
import { field, hidden, notice } from './form-fields.ts';
import { MIN_PASSWORD_LENGTH } from './password-policy.ts';

export interface SetupPageState {
  csrf: string;
  action: string;
  name?: string;
  email?: string;
  /** Field name → what is wrong, in the page's language. */
  errors?: Record<string, string>;
}

export function setupPage(t: Translator, org: string, link: AccountLink, state: SetupPageState, languages: SafeHtml): string {
  const errors = state.errors ?? {};
  const setup = link.kind === 'setup';
  const title = t.text(setup ? 'setup.title' : 'invite.title');
  const intro = setup
    ? t.html('setup.intro', { org: html`<bdi>${org}</bdi>` })
    : t.html('invite.intro', { name: html`<bdi>${link.user!.name}</bdi>`, org: html`<bdi>${org}</bdi>`, role: link.user!.role, email: html`<bdi>${link.user!.email}</bdi>` });
  const summary = Object.keys(errors).length ? t.text('form.errors') : undefined;
  return renderPage({
    title: `${title} · ${org}`, lang: t.lang, languages,
    body: html`<h1>${title}</h1>
${notice(summary)}<p>${intro}</p>
<form method="post" action="${state.action}" class="account-form">
${hidden(CSRF_FIELD, state.csrf)}${setup ? html`${field({ name: 'name', type: 'text', label: t.text('setup.name'), autocomplete: 'name', value: state.name, error: errors.name, maxlength: 200 })}
${field({ name: 'email', type: 'email', label: t.text('setup.email'), autocomplete: 'email', value: state.email, error: errors.email, maxlength: 320, dir: 'ltr' })}
` : html`<input type="text" name="username" autocomplete="username" value="${link.user!.email}" hidden>
`}${field({
  name: 'password', type: 'password', label: t.text('setup.password'), autocomplete: 'new-password', error: errors.password,
  hint: t.text('setup.passwordHint', { min: MIN_PASSWORD_LENGTH }), maxlength: 200,
})}
<p><button type="submit">${t.text(setup ? 'setup.submit' : 'invite.submit')}</button></p>
</form>`,
  });
}
