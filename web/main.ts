// The organiser's app starts here: who is signed in, then the screen the address names.
import { render } from 'preact';
import { App } from './app.ts';
import { ApiError } from './lib/api.ts';
import { html } from './lib/html.ts';
import { t } from './lib/i18n.ts';
import { startRouter } from './lib/router.ts';
import { loadSession } from './lib/session.ts';

const root = document.getElementById('app')!;

try {
  await loadSession();
  startRouter();
  root.textContent = '';
  render(html`<${App} />`, root);
} catch (err) {
  if (err instanceof ApiError && err.status === 401) {
    location.replace(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  } else {
    root.textContent = '';
    render(html`<main id="main"><h1>${t('error.generic')}</h1><p>${String(err)}</p></main>`, root);
  }
}
