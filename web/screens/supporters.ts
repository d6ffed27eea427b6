// Supporters: search and filters, a page of people at a time, tagging in bulk (the ticked people, or
// everyone the filters match), and the CSV export of what the filters match.
import { useState } from 'preact/hooks';
import { ErrorNote, Done, Loading } from '../components/notice.ts';
import { Field, Select } from '../components/field.ts';
import { Screen } from '../components/screen.ts';
import { api, query } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { languages, t } from '../lib/i18n.ts';
import { canEdit } from '../lib/session.ts';
import { personEmail, personName, personStatus, type PeoplePage } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

const STATUSES = ['subscribed', 'unsubscribed', 'bouncing', 'spam complaint', 'reminder only'];
const PAGE = 50;

interface Filters { q: string; tag: string; status: string; language: string; country: string; field: string; fieldValue: string }
const EMPTY: Filters = { q: '', tag: '', status: '', language: '', country: '', field: '', fieldValue: '' };

function filterQuery(f: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['q', 'tag', 'status', 'language', 'country'] as const) if (f[key].trim()) out[key] = f[key].trim();
  if (f.field.trim()) out[`field.${f.field.trim()}`] = f.fieldValue;
  return out;
}

/** The same filters as a bulk change's body takes them. */
function filterBody(f: Filters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.q.trim()) out.q = f.q.trim();
  for (const key of ['tag', 'status', 'language', 'country'] as const) if (f[key].trim()) out[key] = [f[key].trim()];
  if (f.field.trim()) out.field = { [f.field.trim()]: f.fieldValue };
  return out;
}

function FilterForm({ initial, onApply }: { initial: Filters; onApply(f: Filters): void }) {
  const [f, setF] = useState(initial);
  const set = (key: keyof Filters) => (value: string) => setF({ ...f, [key]: value });
  return html`<form class="filters card" role="search" onSubmit=${(e: Event) => { e.preventDefault(); onApply(f); }}>
    <${Field} label=${t('people.search')} name="q" type="search" value=${f.q} onValue=${set('q')} hint=${t('people.searchHint')} />
    <div class="row">
      <${Field} label=${t('people.tag')} name="tag" value=${f.tag} onValue=${set('tag')} />
      <${Select} label=${t('people.status')} name="status" value=${f.status} onValue=${set('status')}
        options=${[['', t('people.any')], ...STATUSES.map((s) => [s, t(`subscription.${s}`)] as const)]} />
      <${Select} label=${t('people.language')} name="language" value=${f.language} onValue=${set('language')}
        options=${[['', t('people.any')], ...languages.map((l) => [l.tag, l.name] as const)]} />
      <${Field} label=${t('people.country')} name="country" value=${f.country} onValue=${set('country')} hint=${t('people.countryHint')} />
    </div>
    <div class="row">
      <${Field} label=${t('people.customField')} name="field" value=${f.field} onValue=${set('field')} />
      <${Field} label=${t('people.customValue')} name="fieldValue" value=${f.fieldValue} onValue=${set('fieldValue')} />
    </div>
    <div class="actions">
      <button type="submit">${t('people.apply')}</button>
      <button type="button" class="secondary" onClick=${() => { setF(EMPTY); onApply(EMPTY); }}>${t('people.clear')}</button>
    </div>
  </form>`;
}

function BulkTags({ ids, filters, total, estimate, onDone }: { ids: number[]; filters: Filters; total: number | undefined; estimate: boolean; onDone(): void }) {
  const [tag, setTag] = useState('');
  const [scope, setScope] = useState<'selected' | 'all'>('selected');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const apply = async (op: 'add' | 'remove') => {
    setError(undefined);
    setDone('');
    try {
      const target = scope === 'selected' ? { ids } : { filter: filterBody(filters) };
      const result = await api<{ changed: number }>('POST', '/api/v1/people/tags', { ...target, add: op === 'add' ? [tag.trim()] : [], remove: op === 'remove' ? [tag.trim()] : [] });
      setDone(t(op === 'add' ? 'people.tagged' : 'people.untagged', { count: result.changed, tag: tag.trim() }));
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const disabled = !tag.trim() || (scope === 'selected' && ids.length === 0);
  return html`<fieldset class="card bulk">
    <legend>${t('people.bulk')}</legend>
    <div class="row">
      <${Field} label=${t('people.tag')} name="bulk-tag" value=${tag} onValue=${setTag} />
      <${Select} label=${t('people.bulkScope')} name="bulk-scope" value=${scope} onValue=${(v: string) => setScope(v as 'selected' | 'all')}
        options=${[['selected', t('people.bulkSelected', { count: ids.length })], ['all', estimate ? t('people.bulkAllAbout', { count: total ?? 0 }) : t('people.bulkAll', { count: total ?? 0 })]]} />
    </div>
    <div class="actions">
      <button type="button" disabled=${disabled} onClick=${() => apply('add')}>${t('people.addTag')}</button>
      <button type="button" class="secondary" disabled=${disabled} onClick=${() => apply('remove')}>${t('people.removeTag')}</button>
    </div>
    <${ErrorNote} error=${error} />
    <${Done}>${done}</${Done}>
  </fieldset>`;
}

export function Supporters() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<string[]>(['']);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const cursor = cursors[cursors.length - 1]!;
  const path = `/api/v1/people${query({ ...filterQuery(filters), limit: PAGE, cursor: cursor || undefined })}`;
  const people = useApi<PeoplePage>(path);
  const items = people.data?.items ?? [];
  const next = people.data?.next_cursor ?? (people.data?.next_after !== undefined ? String(people.data.next_after) : null);
  const toggle = (id: number, on: boolean) => {
    const s = new Set(selected);
    if (on) s.add(id); else s.delete(id);
    setSelected(s);
  };
  const allOnPage = items.length > 0 && items.every((p) => selected.has(p.id));
  const exportHref = `/api/v1/people/export.csv${query(filterQuery(filters))}`;
  return html`<${Screen} title=${t('people.title')} actions=${html`
      ${canEdit() ? html`<a class="button" href="/app/supporters/import">${t('people.import')}</a>` : null}
      <a class="button secondary" href=${exportHref} download="supporters.csv">${t('people.export')}</a>`}>
    <${FilterForm} initial=${filters} onApply=${(f: Filters) => { setFilters(f); setCursors(['']); setSelected(new Set()); }} />
    ${canEdit() ? html`<${BulkTags} ids=${[...selected]} filters=${filters} total=${people.data?.total} estimate=${people.data?.total_is_estimate === true} onDone=${people.reload} />` : null}
    <${ErrorNote} error=${people.error} />
    ${people.data === undefined ? html`<${Loading} />` : html`
      <p role="status">${people.data.total === undefined ? ''
        // a very large list is counted by the database's estimate: said as "about"
        : people.data.total_is_estimate ? t('people.countAbout', { count: people.data.total }) : t('people.count', { count: people.data.total })}</p>
      <div class="table-wrap"><table>
        <thead><tr>
          ${canEdit() ? html`<th scope="col"><input type="checkbox" aria-label=${t('people.selectPage')} checked=${allOnPage}
            onChange=${(e: Event) => { const on = (e.currentTarget as HTMLInputElement).checked; const s = new Set(selected); items.forEach((p) => (on ? s.add(p.id) : s.delete(p.id))); setSelected(s); }} /></th>` : null}
          <th scope="col">${t('people.name')}</th><th scope="col">${t('people.email')}</th><th scope="col">${t('people.status')}</th>
          <th scope="col">${t('people.tags')}</th><th scope="col">${t('people.language')}</th><th scope="col">${t('people.country')}</th>
        </tr></thead>
        <tbody>${items.map((p) => html`<tr>
          ${canEdit() ? html`<td><input type="checkbox" aria-label=${t('people.select', { email: personEmail(p) })} checked=${selected.has(p.id)}
            onChange=${(e: Event) => toggle(p.id, (e.currentTarget as HTMLInputElement).checked)} /></td>` : null}
          <td><a href=${`/app/supporters/${p.id}`}><bdi>${personName(p) || t('people.noName')}</bdi></a></td>
          <td><bdi>${personEmail(p)}</bdi></td>
          <td>${t(`subscription.${personStatus(p)}`)}</td>
          <td>${p.tags.map((tag) => html`<span class="tag"><bdi>${tag}</bdi></span> `)}</td>
          <td>${p.language ?? ''}</td><td>${p.country ?? ''}</td>
        </tr>`)}</tbody>
      </table></div>
      ${items.length === 0 ? html`<p class="muted">${t('people.none')}</p>` : null}
      <nav class="pager" aria-label=${t('people.pages')}>
        <button type="button" class="secondary" disabled=${cursors.length === 1} onClick=${() => setCursors(cursors.slice(0, -1))}>${t('people.previous')}</button>
        <span>${t('people.page', { page: cursors.length })}</span>
        <button type="button" class="secondary" disabled=${!next} onClick=${() => next && setCursors([...cursors, next])}>${t('people.next')}</button>
      </nav>`}
  </${Screen}>`;
}
