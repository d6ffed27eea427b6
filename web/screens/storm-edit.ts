// Creating or changing a storm: its words, its window in a time zone, its posts with their lengths per
// network, and a preview of its page in each state once saved.
import { useEffect, useState } from 'preact/hooks';
import { Field, Select } from '../components/field.ts';
import { ErrorNote, Done, Loading } from '../components/notice.ts';
import { Screen } from '../components/screen.ts';
import { StormPreview } from '../components/storm-preview.ts';
import { StormVersions, withPostAdded, withPostRemoved, type StormVersion } from '../components/storm-versions.ts';
import { TargetsEditor, targetsForApi, type Target } from '../components/targets-editor.ts';
import { VariantsEditor } from '../components/variants-editor.ts';
import { api, ApiError } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { browserZone, languages, t, timeZones } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import type { Storm } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';
import { isoToZoned, zonedToIso } from '../lib/zoned.ts';

interface Form {
  title: string; slug: string; language: string; timezone: string; starts: string; ends: string;
  hashtags: string; article_url: string; targets: Target[]; texts: string[]; versions: StormVersion[];
}

const blank = (): Form => ({ title: '', slug: '', language: 'en', timezone: browserZone(), starts: '', ends: '', hashtags: '', article_url: '', targets: [], texts: [''], versions: [] });

function formOf(s: Storm): Form {
  return {
    title: s.title, slug: s.slug, language: s.language, timezone: s.timezone,
    starts: isoToZoned(s.starts_at, s.timezone), ends: isoToZoned(s.ends_at, s.timezone),
    hashtags: s.hashtags.join(' '), article_url: s.article_url ?? '', targets: s.targets.map((tg) => ({ name: tg.name, handles: { ...tg.handles } })), texts: s.variants.map((v) => v.text),
    versions: s.translations.map((tr) => ({
      language: tr.language, title: tr.title, texts: tr.messages.map((m) => m.text),
      // a version without its own article is stored with the storm's: shown empty, it follows the storm's
      article_url: tr.article_url && tr.article_url !== s.article_url ? tr.article_url : '',
    })),
  };
}

const words = (s: string) => s.split(/[\s,]+/).map((w) => w.trim()).filter(Boolean);
const slugOf = (title: string) => title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

function StormForm({ storm, onSaved }: { storm: Storm | undefined; onSaved(storm: { id: number }): void }) {
  const [f, setF] = useState<Form>(storm ? formOf(storm) : blank());
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState('');
  const [slugTouched, setSlugTouched] = useState(!!storm);
  const set = (key: 'title' | 'slug' | 'language' | 'timezone' | 'starts' | 'ends' | 'hashtags' | 'article_url') => (value: string) => {
    const next = { ...f, [key]: value };
    if (key === 'title' && !slugTouched) next.slug = slugOf(value);
    if (key === 'slug') setSlugTouched(true);
    setF(next);
  };
  const hashtags = words(f.hashtags).map((h) => h.replace(/^[#＃]/, ''));
  const fieldError = (name: string) => (error instanceof ApiError ? error.reasonFor(name) : undefined);
  const fieldErrorAt = (name: string) => (error instanceof ApiError ? error.reasonAt(name) : undefined);
  const post = { hashtags, articleUrl: f.article_url, slug: f.slug, targets: targetsForApi(f.targets) };

  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setSaved('');
    const body = {
      title: f.title, slug: f.slug, language: f.language, timezone: f.timezone,
      starts_at: zonedToIso(f.starts, f.timezone) ?? '', ends_at: zonedToIso(f.ends, f.timezone) ?? '',
      hashtags, targets: targetsForApi(f.targets), messages: f.texts.map((text) => ({ text })),
      article_url: f.article_url.trim() || (storm ? null : undefined),
      // all of them, always: the API replaces the versions, and needs them again when the posts change
      translations: f.versions.map((v) => ({
        language: v.language, title: v.title, messages: v.texts.map((text) => ({ text })), ...(v.article_url.trim() ? { article_url: v.article_url.trim() } : {}),
      })),
    };
    try {
      const result = storm
        ? await api<Storm>('PATCH', `/api/v1/storms/${storm.id}`, body)
        : await api<{ id: number }>('POST', '/api/v1/storms', body);
      setSaved(t('storm.saved'));
      onSaved(result);
    } catch (err) {
      setError(err);
    }
  };

  return html`<form class="card storm-form" onSubmit=${save} novalidate>
    <${Field} label=${t('storm.title')} name="title" value=${f.title} onValue=${set('title')} required dir="auto" lang=${f.language} error=${fieldError('title')} />
    <${Field} label=${t('storm.slug')} name="slug" value=${f.slug} onValue=${set('slug')} required dir="ltr" hint=${t('storm.slugHint')} error=${fieldError('slug')} />
    <div class="row">
      <${Select} label=${t('storm.language')} name="language" value=${f.language} onValue=${set('language')} options=${languages.map((l) => [l.tag, l.name] as const)} />
      <${Select} label=${t('storm.timezone')} name="timezone" value=${f.timezone} onValue=${set('timezone')} options=${timeZones(f.timezone).map((z) => [z, z] as const)} />
    </div>
    <div class="row">
      <${Field} label=${t('storm.starts')} name="starts" type="datetime-local" value=${f.starts} onValue=${set('starts')} required error=${fieldError('starts_at')} />
      <${Field} label=${t('storm.ends')} name="ends" type="datetime-local" value=${f.ends} onValue=${set('ends')} required error=${fieldError('ends_at')} />
    </div>
    <${Field} label=${t('storm.hashtags')} name="hashtags" value=${f.hashtags} onValue=${set('hashtags')} hint=${t('storm.hashtagsHint')} error=${fieldError('hashtags')} dir="auto" />
    <${Field} label=${t('storm.article')} name="article_url" type="url" value=${f.article_url} onValue=${set('article_url')} dir="ltr" error=${fieldError('article_url')} />
    <${TargetsEditor} targets=${f.targets} onTargets=${(targets: Target[]) => setF({ ...f, targets })} errorFor=${(i: number) => fieldError(`targets.${i}`)} />
    <${VariantsEditor} texts=${f.texts} onTexts=${(texts: string[]) => setF({ ...f, texts })} ...${post}
      onAdd=${() => setF({ ...f, texts: [...f.texts, ''], versions: withPostAdded(f.versions) })}
      onRemove=${(i: number) => setF({ ...f, texts: f.texts.filter((_, j) => j !== i), versions: withPostRemoved(f.versions, i) })}
      lang=${f.language} errorFor=${(i: number) => fieldError(`messages.${i}`)} />
    <${StormVersions} versions=${f.versions} onVersions=${(versions: StormVersion[]) => setF({ ...f, versions })} language=${f.language}
      posts=${f.texts.length} post=${post} errorFor=${fieldError} errorAt=${fieldErrorAt} />
    <${ErrorNote} error=${error} />
    <${Done}>${saved}</${Done}>
    <div class="actions"><button type="submit">${storm ? t('storm.save') : t('storm.create')}</button></div>
  </form>`;
}

export function StormEdit({ id }: { id?: string }) {
  const loaded = useApi<Storm>(id ? `/api/v1/storms/${id}` : undefined);
  const [version, setVersion] = useState('');
  useEffect(() => { if (loaded.data) setVersion(String(Date.now())); }, [loaded.data]);
  if (id && !loaded.data) return html`<${Screen} title=${t('storm.edit')}><${ErrorNote} error=${loaded.error} />${loaded.error ? null : html`<${Loading} />`}</${Screen}>`;
  const storm = loaded.data;
  return html`<${Screen} title=${storm ? t('storm.edit') : t('storms.new')}
      actions=${storm ? html`<a class="button secondary" href=${`/app/storms/${storm.id}`}>${t('storm.dashboard')}</a>` : null}>
    <${StormForm} storm=${storm} onSaved=${(s: { id: number }) => (storm ? void loaded.reload() : navigate(`/app/storms/${s.id}/edit`))} />
    ${storm ? html`<${StormPreview} stormId=${storm.id} version=${version} />` : null}
  </${Screen}>`;
}
