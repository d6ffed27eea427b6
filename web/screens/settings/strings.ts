// The organisation's own wording of the public pages and emails, per language: each shipped string with
// its default beside it; an empty field keeps the default.
import { useEffect, useState } from 'preact/hooks';
import { Select } from '../../components/field.ts';
import { ErrorNote, Done, Loading } from '../../components/notice.ts';
import { api } from '../../lib/api.ts';
import { html } from '../../lib/html.ts';
import { lang as appLang, languages, t } from '../../lib/i18n.ts';
import { useApi } from '../../lib/use-api.ts';

interface Strings { language: string; overrides: Record<string, string>; defaults: Record<string, string> }

export function PublicStrings() {
  const [lang, setLang] = useState(appLang);
  const loaded = useApi<Strings>(`/api/v1/settings/strings/${lang}`);
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  useEffect(() => { if (loaded.data) setOverrides(loaded.data.overrides); }, [loaded.data]);
  const dir = languages.find((l) => l.tag === lang)?.dir ?? 'ltr';
  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setDone('');
    try {
      const kept = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v.trim() !== ''));
      setOverrides((await api<Strings>('PUT', `/api/v1/settings/strings/${lang}`, kept)).overrides);
      setDone(t('settings.saved'));
    } catch (err) {
      setError(err);
    }
  };
  return html`<form class="card" onSubmit=${save}>
    <${Select} label=${t('strings.language')} name="strings-lang" value=${lang} onValue=${setLang} options=${languages.map((l) => [l.tag, l.name] as const)} />
    <p class="hint">${t('strings.hint')}</p>
    ${!loaded.data ? html`<${ErrorNote} error=${loaded.error} />${loaded.error ? null : html`<${Loading} />`}` : html`<div class="strings">
      ${Object.entries(loaded.data.defaults).map(([key, def]) => html`<div class="field">
        <label for=${`s-${key}`}><code dir="ltr">${key}</code></label>
        <div class="hint" id=${`s-${key}-hint`} lang=${lang} dir=${dir}>${def}</div>
        <input id=${`s-${key}`} lang=${lang} dir=${dir} value=${overrides[key] ?? ''} aria-describedby=${`s-${key}-hint`}
          onInput=${(e: Event) => setOverrides({ ...overrides, [key]: (e.currentTarget as HTMLInputElement).value })} />
      </div>`)}
    </div>`}
    <${ErrorNote} error=${error} />
    <${Done}>${done}</${Done}>
    <div class="actions"><button type="submit">${t('settings.save')}</button></div>
  </form>`;
}
