// Writing a message: subject and Markdown body with the merge tags at hand, a storm's link from a picker,
// the audience by tags. Saving makes a draft; previews, the test copy and the send are on its page.
import { useRef, useState } from 'preact/hooks';
import { Checkbox, Field, Select } from '../components/field.ts';
import { LinkPicker } from '../components/link-picker.ts';
import { MessageVersions } from '../components/message-versions.ts';
import { ErrorNote } from '../components/notice.ts';
import { Screen } from '../components/screen.ts';
import { api, ApiError } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { lang, languages, t } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import type { MessageTranslation } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

const MERGE_TAGS = ['{{ first_name | default: "friend" }}', '{{ last_name }}', '{{ email }}', '{{ country }}', '{{ language }}', '{{ postal_code }}'];

export function MessageCompose() {
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [from, setFrom] = useState('');
  const [tags, setTags] = useState('');
  const [language, setLanguage] = useState(lang);
  const [trackOpens, setTrackOpens] = useState(false);
  const [versions, setVersions] = useState<MessageTranslation[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const senders = useApi<{ default_from: string; items: string[] }>('/api/v1/settings/senders');

  const insert = (snippet: string) => {
    const area = bodyRef.current?.querySelector('textarea');
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + snippet + body.slice(end));
    requestAnimationFrame(() => { area?.focus(); area?.setSelectionRange(start + snippet.length, start + snippet.length); });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const targets = { tags: tags.split(',').map((s) => s.trim()).filter(Boolean) };
      const { id } = await api<{ id: number }>('POST', '/api/v1/messages', {
        subject, body, targets, language, track_opens: trackOpens, translations: versions, ...(from.trim() ? { from: from.trim() } : {}),
      });
      navigate(`/app/messages/${id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const fieldError = (name: string) => (error instanceof ApiError ? error.reasonFor(name) : undefined);
  const fieldErrorAt = (name: string) => (error instanceof ApiError ? error.reasonAt(name) : undefined);

  return html`<${Screen} title=${t('compose.title')}>
    <form class="card compose" onSubmit=${save} novalidate>
      <${Field} label=${t('compose.subject')} name="subject" value=${subject} onValue=${setSubject} required error=${fieldError('subject')} dir="auto" />
      <div ref=${bodyRef}>
        <${Field} label=${t('compose.body')} name="body" value=${body} onValue=${setBody} multiline rows=${14} required error=${fieldError('body')}
          dir="auto" hint=${t('compose.bodyHint')} />
      </div>
      <details class="merge-tags">
        <summary>${t('compose.mergeTags')}</summary>
        <p class="hint">${t('compose.mergeTagsHint')}</p>
        <ul class="plain">${MERGE_TAGS.map((tag) => html`<li><button type="button" class="link" onClick=${() => insert(tag)}>
          <code dir="ltr">${tag}</code></button></li>`)}</ul>
      </details>
      <${LinkPicker} onInsert=${insert} />
      <div class="row">
        <${Field} label=${t('compose.tags')} name="tags" value=${tags} onValue=${setTags} hint=${t('compose.tagsHint')} error=${fieldError('targets')} />
        <${Select} label=${t('compose.language')} name="language" value=${language} onValue=${setLanguage}
          options=${languages.map((l) => [l.tag, l.name] as const)} />
      </div>
      ${senders.data?.items.length
        // the organisation lists its senders: the server takes no other, so only they are offered
        ? html`<${Select} label=${t('compose.from')} name="from" value=${from} onValue=${setFrom} hint=${t('compose.fromListHint')}
            options=${[['', t('compose.fromDefault', { sender: senders.data.default_from })], ...senders.data.items.map((s) => [s, s] as const)]} />`
        : html`<${Field} label=${t('compose.from')} name="from" value=${from} onValue=${setFrom} hint=${t('compose.fromHint', { sender: senders.data?.default_from ?? '' })}
            error=${fieldError('from')} dir="ltr" />`}
      <${MessageVersions} versions=${versions} onVersions=${setVersions} language=${language} errorFor=${fieldError} errorAt=${fieldErrorAt} />
      <${Checkbox} label=${t('compose.trackOpens')} name="track_opens" checked=${trackOpens} onChecked=${setTrackOpens} />
      <${ErrorNote} error=${error} />
      <div class="actions"><button type="submit" disabled=${busy}>${t('compose.save')}</button></div>
    </form>
  </${Screen}>`;
}
