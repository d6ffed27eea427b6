// Puts a storm's page (or an article) into a message as a Markdown link. The send makes each link
// personal and tracked, so the page knows who came from which email.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';
import type { Storm } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

interface Article { id: number; title: string; url: string }

export function LinkPicker({ onInsert }: { onInsert(markdown: string): void }) {
  const storms = useApi<{ items: Storm[] }>('/api/v1/storms?limit=50');
  const [articles, setArticles] = useState<Article[]>([]);
  const [choice, setChoice] = useState('');
  useEffect(() => {
    // articles are optional: without them the picker simply offers storms
    api<{ items: Article[] }>('GET', '/api/v1/articles?limit=50').then((r) => setArticles(r.items ?? []), () => {});
  }, []);
  const options = [
    ...(storms.data?.items ?? []).filter((s) => s.state !== 'after').map((s) => ({ key: `s${s.id}`, label: s.title, url: s.url, text: t('compose.stormLinkText') })),
    ...articles.map((a) => ({ key: `a${a.id}`, label: a.title, url: a.url, text: a.title })),
  ];
  const chosen = options.find((o) => o.key === choice);
  return html`<div class="row picker">
    <div class="field">
      <label for="link-picker">${t('compose.linkPicker')}</label>
      <select id="link-picker" value=${choice} onChange=${(e: Event) => setChoice((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">${t('compose.linkChoose')}</option>
        ${options.map((o) => html`<option value=${o.key}>${o.label}</option>`)}
      </select>
    </div>
    <button type="button" class="secondary" disabled=${!chosen} onClick=${() => chosen && onInsert(`[${chosen.text}](${chosen.url})`)}>${t('compose.insertLink')}</button>
  </div>`;
}
