// Storms: every storm with its window and where it stands.
import { ErrorNote, Loading } from '../components/notice.ts';
import { Screen } from '../components/screen.ts';
import { html } from '../lib/html.ts';
import { formatDateTime, t } from '../lib/i18n.ts';
import { canEdit } from '../lib/session.ts';
import type { Storm } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

export function Storms() {
  const { data, error } = useApi<{ items: Storm[] }>('/api/v1/storms?limit=200');
  return html`<${Screen} title=${t('storms.title')} actions=${canEdit() ? html`<a class="button" href="/app/storms/new">${t('storms.new')}</a>` : null}>
    <${ErrorNote} error=${error} />
    ${!data ? html`<${Loading} />` : data.items.length === 0 ? html`<p class="muted">${t('storms.none')}</p>` : html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">${t('storms.name')}</th><th scope="col">${t('storms.state')}</th><th scope="col">${t('storms.starts')}</th>
        <th scope="col">${t('storms.ends')}</th><th scope="col">${t('storms.page')}</th></tr></thead>
      <tbody>${data.items.map((s) => html`<tr>
        <td><a href=${`/app/storms/${s.id}`}><bdi lang=${s.language}>${s.title}</bdi></a></td>
        <td><span class=${`badge storm-${s.state}`}>${t(`storms.state.${s.state}`)}</span></td>
        <td>${formatDateTime(s.starts_at, s.timezone)}</td><td>${formatDateTime(s.ends_at, s.timezone)}</td>
        <td><a href=${s.url} target="_blank" rel="noopener"><bdi dir="ltr">/s/${s.slug}</bdi></a></td>
      </tr>`)}</tbody>
    </table></div>`}
  </${Screen}>`;
}
