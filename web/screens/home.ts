// Home: the storms (live, upcoming, past) and the latest messages with their numbers.
import { Screen } from '../components/screen.ts';
import { ErrorNote, Loading } from '../components/notice.ts';
import { html } from '../lib/html.ts';
import { formatDateTime, formatNumber, t } from '../lib/i18n.ts';
import { canEdit } from '../lib/session.ts';
import type { Message, MessageSummary, Storm } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

const GROUPS = [['during', 'home.live'], ['before', 'home.upcoming'], ['after', 'home.past']] as const;

function StormGroups({ storms }: { storms: Storm[] }) {
  return GROUPS.map(([state, key]) => {
    const list = storms.filter((s) => s.state === state);
    return html`<section class="card" aria-labelledby=${`home-${state}`}>
      <h2 id=${`home-${state}`}>${t(key)}</h2>
      ${list.length === 0 ? html`<p class="muted">${t('home.none')}</p>` : html`<ul class="plain">
        ${list.map((s) => html`<li><a href=${`/app/storms/${s.id}`}><bdi>${s.title}</bdi></a>
          <span class="muted"> · ${formatDateTime(s.starts_at)}</span></li>`)}
      </ul>`}
    </section>`;
  });
}

function MessageNumbers({ id }: { id: number }) {
  const { data } = useApi<Message>(`/api/v1/messages/${id}`);
  if (!data) return html`<td></td><td></td>`;
  return html`<td class="num">${formatNumber(data.statistics.sent)}</td><td class="num">${formatNumber(data.statistics.clicked)}</td>`;
}

export function Home() {
  const storms = useApi<{ items: Storm[] }>('/api/v1/storms?limit=50');
  const messages = useApi<{ items: MessageSummary[] }>('/api/v1/messages?limit=5');
  return html`<${Screen} title=${t('home.title')} actions=${canEdit() ? html`
      <a class="button" href="/app/storms/new">${t('storms.new')}</a>
      <a class="button" href="/app/messages/new">${t('messages.new')}</a>` : null}>
    <${ErrorNote} error=${storms.error ?? messages.error} />
    ${storms.data ? html`<div class="grid"><${StormGroups} storms=${storms.data.items} /></div>` : html`<${Loading} />`}
    <section class="card" aria-labelledby="home-messages">
      <h2 id="home-messages">${t('home.recentMessages')}</h2>
      ${messages.data?.items.length ? html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('messages.subject')}</th><th scope="col">${t('messages.status')}</th>
          <th scope="col" class="num">${t('stats.sent')}</th><th scope="col" class="num">${t('stats.clicked')}</th></tr></thead>
        <tbody>${messages.data.items.map((m) => html`<tr>
          <td><a href=${`/app/messages/${m.id}`}><bdi>${m.subject}</bdi></a></td>
          <td><span class=${`badge status-${m.status}`}>${t(`status.${m.status}`)}</span></td>
          <${MessageNumbers} id=${m.id} />
        </tr>`)}</tbody>
      </table></div>` : html`<p class="muted">${t('home.none')}</p>`}
    </section>
  </${Screen}>`;
}
