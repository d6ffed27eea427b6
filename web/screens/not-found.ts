import { Screen } from '../components/screen.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';

export function NotFound() {
  return html`<${Screen} title=${t('notFound.title')}><p><a href="/app">${t('notFound.back')}</a></p></${Screen}>`;
}
