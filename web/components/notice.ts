// What went wrong, said where the person is looking: the problem's title and detail, as an alert.
import { ApiError } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : undefined;
  const title = e?.status === 403 ? t('error.forbidden') : e?.message ?? t('error.generic');
  return html`<div class="notice error-note" role="alert">
    <p><strong>${title}</strong></p>
    ${e?.detail ? html`<p>${e.detail}</p>` : null}
  </div>`;
}

export function Done({ children }: { children: unknown }) {
  return children ? html`<div class="notice done-note" role="status">${children}</div>` : html`<div role="status"></div>`;
}

export function Loading() {
  return html`<p class="loading" role="status">${t('app.loading')}</p>`;
}
