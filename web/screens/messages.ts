// Messages: newest first, with where each send stands.
import { ErrorNote, Loading } from '../components/notice.ts';
import { Screen } from '../components/screen.ts';
import { html } from '../lib/html.ts';
import { formatDateTime, formatNumber, t } from '../lib/i18n.ts';
import { canEdit } from '../lib/session.ts';
import type { MessageSummary } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

export function Messages() {
  const { data, error } = useApi<{ items: MessageSummary[] }>('/api/v1/messages?limit=200');
  return html`<${Screen} title=${t('messages.title')} actions=${canEdit() ? html`<a class="button" href="/app/messages/new">${t('messages.new')}</a>` : null}>
    <${ErrorNote} error=${error} />
    ${!data ? html`<${Loading} />` : data.items.length === 0 ? html`<p class="muted">${t('messages.none')}</p>` : html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">${t('messages.subject')}</th><th scope="col">${t('messages.status')}</th>
        <th scope="col">${t('messages.audience')}</th><th scope="col" class="num">${t('messages.recipients')}</th><th scope="col">${t('messages.when')}</th></tr></thead>
      <tbody>${data.items.map((m) => html`<tr>
        <td><a href=${`/app/messages/${m.id}`}><bdi>${m.subject}</bdi></a></td>
        <td><span class=${`badge status-${m.status}`}>${t(`status.${m.status}`)}</span></td>
        <td>${m.targets.tags.length ? m.targets.tags.map((tag) => html`<span class="tag"><bdi>${tag}</bdi></span> `) : t('messages.everyone')}</td>
        <td class="num">${formatNumber(m.total_targeted)}</td>
        <td>${formatDateTime(m.sent_start_date ?? m.scheduled_at ?? m.created_date, m.scheduled_at && !m.sent_start_date ? m.timezone ?? undefined : undefined)}</td>
      </tr>`)}</tbody>
    </table></div>`}
  </${Screen}>`;
}
