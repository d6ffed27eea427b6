// The login page, and its second step for a user with an authenticator app. Plain forms: no script.
import { renderPage } from '../../http/layout.ts';
import { CSRF_FIELD } from '../../http/csrf.ts';
import type { Translator } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { field, hidden, notice } from './form-fields.ts';

export interface LoginPageState {
  csrf: string;
  next?: string;
  email?: string;
  error?: string;
  info?: string;
}

export function loginPage(t: Translator, org: string, state: LoginPageState, languages: SafeHtml): string {
  const title = t.text('login.title');
  return renderPage({
    title: `${title} · ${org}`, lang: t.lang, languages,
    body: html`<h1>${title}</h1>
<p class="muted"><bdi>${org}</bdi></p>
${notice(state.error)}${notice(state.info, 'info')}<form method="post" action="/login" class="account-form">
${hidden(CSRF_FIELD, state.csrf)}${hidden('next', state.next)}${field({ name: 'email', type: 'email', label: t.text('login.email'), autocomplete: 'username', value: state.email, maxlength: 320, dir: 'ltr' })}
${field({ name: 'password', type: 'password', label: t.text('login.password'), autocomplete: 'current-password', maxlength: 1000 })}
<p><button type="submit">${t.text('login.submit')}</button></p>
</form>`,
  });
}

export interface CodePageState {
  csrf: string;
  pending: string;
  next?: string;
  error?: string;
}

export function codePage(t: Translator, org: string, state: CodePageState, languages: SafeHtml): string {
  const title = t.text('login.code.title');
  return renderPage({
    title: `${title} · ${org}`, lang: t.lang, languages,
    body: html`<h1>${title}</h1>
${notice(state.error)}<p>${t.html('login.code.text', { org: html`<bdi>${org}</bdi>` })}</p>
<form method="post" action="/login" class="account-form">
${hidden(CSRF_FIELD, state.csrf)}${hidden('next', state.next)}${hidden('pending', state.pending)}${field({
  name: 'code', type: 'text', label: t.text('login.code.label'), autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 10, dir: 'ltr',
})}
<p><button type="submit">${t.text('login.code.submit')}</button></p>
</form>`,
  });
}
