// The audit log: who did what, when, from where; newest first, a page at a time.
import { useState } from 'preact/hooks';
import { ErrorNote, Loading } from '../../components/notice.ts';
import { query } from '../../lib/api.ts';
import { html } from '../../lib/html.ts';
import { formatDateTime, t } from '../../lib/i18n.ts';
import { useApi } from '../../lib/use-api.ts';

interface Entry { id: number; at: string; actor: string; action: string; subject: string | null; ip: string | null }
interface Page { items: Entry[] }

export function AuditLog() {
  const [before, setBefore] = useState<string[]>([]);
  const cursor = before[before.length - 1];
  const { data, error } = useApi<Page>(`/api/v1/audit${query({ limit: 50, before: cursor })}`);
  // a full page may have more behind it: the next starts before its last entry
  const next = data && data.items.length === 50 ? data.items[49]!.id : null;
  return html`<section class="card" aria-labelledby="audit-title">
    <h2 id="audit-title">${t('audit.title')}</h2>
    <${ErrorNote} error=${error} />
    ${!data ? html`<${Loading} />` : html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.who')}</th><th scope="col">${t('audit.what')}</th>
        <th scope="col">${t('audit.subject')}</th><th scope="col">${t('audit.ip')}</th></tr></thead>
      <tbody>${data.items.map((e) => html`<tr><td>${formatDateTime(e.at)}</td><td><bdi>${e.actor}</bdi></td>
        <td><code dir="ltr">${e.action}</code></td><td><bdi>${e.subject ?? ''}</bdi></td><td dir="ltr">${e.ip ?? ''}</td></tr>`)}</tbody>
    </table></div>
    <nav class="pager" aria-label=${t('people.pages')}>
      <button type="button" class="secondary" disabled=${before.length === 0} onClick=${() => setBefore(before.slice(0, -1))}>${t('people.previous')}</button>
      <button type="button" class="secondary" disabled=${!next} onClick=${() => next && setBefore([...before, String(next)])}>${t('people.next')}</button>
    </nav>`}
  </section>`;
}
