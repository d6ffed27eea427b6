// One supporter: their fields and tags, their history (status changes, messages received, clicks, posts
// started), and on request their data as a file or their erasure.
import { useState } from 'preact/hooks';
import { ErrorNote, Loading } from '../components/notice.ts';
import { Screen } from '../components/screen.ts';
import { api, query } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { formatDateTime, t } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import { canEdit } from '../lib/session.ts';
import { personEmail, personName, personStatus, type Person as PersonData } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

interface HistoryItem {
  at: string; kind: string; status?: string; previous_status?: string | null; source?: string; detail?: string | null;
  message_id?: number | null; subject?: string; delivery?: { status: string; last_reply: string | null };
  storm_id?: number | null; storm_title?: string; network?: string | null; url?: string | null;
}

const KNOWN_KINDS = new Set(['status_changed', 'message', 'click', 'open', 'unsubscribe', 'page_view', 'post_started', 'post_reported', 'bounce', 'reminder_requested', 'article_visit', 'article_shared']);

function HistoryLine({ item }: { item: HistoryItem }) {
  const what = KNOWN_KINDS.has(item.kind) ? t(`history.${item.kind}`) : item.kind;
  const about = item.kind === 'status_changed'
    ? html`${t(`subscription.${item.status}`)}${item.source ? html` <span class="muted">(${item.source})</span>` : null}`
    : item.subject && item.message_id
      ? html`<a href=${`/app/messages/${item.message_id}`}><bdi>${item.subject}</bdi></a>${item.delivery ? html` <span class="muted">(${t(`delivery.${item.delivery.status}`)})</span>` : null}`
      : item.storm_title && item.storm_id
        ? html`<a href=${`/app/storms/${item.storm_id}`}><bdi>${item.storm_title}</bdi></a>${item.network ? html` · ${t(`network.${item.network}`)}` : null}`
        : null;
  return html`<li><time datetime=${item.at}>${formatDateTime(item.at)}</time> <strong>${what}</strong> ${about}
    ${item.url ? html` <bdi dir="ltr" class="url">${item.url}</bdi>` : null}</li>`;
}

function History({ id }: { id: string }) {
  const [before, setBefore] = useState<string>();
  const { data, error } = useApi<{ items: HistoryItem[]; next_before: string | null }>(`/api/v1/people/${id}/history${query({ before, limit: 100 })}`);
  return html`<section class="card" aria-labelledby="history-title">
    <h2 id="history-title">${t('person.history')}</h2>
    <${ErrorNote} error=${error} />
    ${!data ? html`<${Loading} />` : data.items.length === 0 ? html`<p class="muted">${t('person.noHistory')}</p>` : html`
      <ol class="timeline">${data.items.map((item) => html`<${HistoryLine} item=${item} />`)}</ol>
      ${data.next_before ? html`<button type="button" class="secondary" onClick=${() => setBefore(data.next_before!)}>${t('person.older')}</button>` : null}`}
  </section>`;
}

function Fields({ person }: { person: PersonData }) {
  const rows: [string, unknown][] = [
    [t('people.email'), html`<bdi>${personEmail(person)}</bdi>`],
    [t('people.status'), t(`subscription.${personStatus(person)}`)],
    [t('people.language'), person.language ?? ''],
    [t('people.country'), person.country ?? ''],
    [t('person.postalCode'), person.postal_code ?? ''],
    [t('people.tags'), person.tags.map((tag) => html`<span class="tag"><bdi>${tag}</bdi></span> `)],
    [t('person.added'), formatDateTime(person.created_at)],
    ...Object.entries(person.custom_fields).map(([k, v]): [string, unknown] => [k, html`<bdi>${v}</bdi>`]),
  ];
  return html`<section class="card" aria-labelledby="fields-title">
    <h2 id="fields-title">${t('person.fields')}</h2>
    <dl class="fields">${rows.map(([k, v]) => html`<div><dt><bdi>${k}</bdi></dt><dd>${v}</dd></div>`)}</dl>
  </section>`;
}

export function Person({ id }: { id: string }) {
  const { data: person, error } = useApi<PersonData>(`/api/v1/people/${id}`);
  const [actionError, setActionError] = useState<unknown>();
  if (!person) return html`<${Screen} title=${t('people.title')}><${ErrorNote} error=${error} />${error ? null : html`<${Loading} />`}</${Screen}>`;
  const name = personName(person) || personEmail(person);
  const erase = async () => {
    if (!confirm(t('person.confirmErase', { name }))) return;
    setActionError(undefined);
    try {
      await api('DELETE', `/api/v1/people/${person.id}`);
      navigate('/app/supporters', { replace: true });
    } catch (err) {
      setActionError(err);
    }
  };
  return html`<${Screen} title=${name} actions=${html`
      <a class="button secondary" href=${`/api/v1/people/${person.id}/export`} download=${`person-${person.id}.json`}>${t('person.export')}</a>
      ${canEdit() ? html`<button type="button" class="danger" onClick=${erase}>${t('person.erase')}</button>` : null}`}>
    <${ErrorNote} error=${actionError} />
    <${Fields} person=${person} />
    <${History} id=${id} />
  </${Screen}>`;
}
