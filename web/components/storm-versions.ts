// A storm in other languages: per language its title, one text for each of the storm's posts (same order,
// same slots, counted like them) and its own article link if it has one. Supporters of that language get it.
import { Field } from './field.ts';
import { LanguageAdder } from './language-adder.ts';
import { Lengths, usePostLengths, type PostContext } from './post-lengths.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';
import { languageLabel } from '../lib/language-tags.ts';

export interface StormVersion { language: string; title: string; texts: string[]; article_url: string }

interface Errors {
  /** The reason for a field or anything inside it (`translations.0.messages.1` finds `….1.text`). */
  errorFor(name: string): string | undefined;
  /** The reason given for exactly this name (a version's own problems, not its fields'). */
  errorAt(name: string): string | undefined;
}

interface VersionProps extends Errors {
  version: StormVersion;
  index: number;
  post: PostContext;
  onChange(version: StormVersion): void;
  onRemove(): void;
}

function Version({ version: v, index: i, post, onChange, onRemove, errorFor, errorAt }: VersionProps) {
  const lengths = usePostLengths(v.texts, { ...post, articleUrl: v.article_url.trim() || post.articleUrl });
  const at = `translations.${i}`;
  const label = languageLabel(v.language);
  const own = [errorAt(`${at}.language`), errorAt(`${at}.messages`), errorAt(at)].filter(Boolean);
  return html`<fieldset class="version" data-language=${v.language}>
    <legend>${t('versions.legend', { language: label })}</legend>
    ${own.map((reason) => html`<p class="error">${reason}</p>`)}
    <${Field} label=${t('storm.title')} name=${`version-${i}-title`} value=${v.title} onValue=${(title: string) => onChange({ ...v, title })}
      required dir="auto" lang=${v.language} error=${errorFor(`${at}.title`)} />
    ${v.texts.map((text, j) => {
      const id = `version-${i}-post-${j}`;
      const error = errorFor(`${at}.messages.${j}`);
      return html`<div class=${`variant field${error ? ' has-error' : ''}`}>
        <label for=${id}>${t('storm.variant', { n: j + 1 })}</label>
        <textarea id=${id} rows="3" dir="auto" lang=${v.language} value=${text} aria-describedby=${`${id}-lengths${error ? ` ${id}-error` : ''}`}
          aria-invalid=${error ? 'true' : undefined}
          onInput=${(e: Event) => onChange({ ...v, texts: v.texts.map((x, k) => (k === j ? (e.currentTarget as HTMLTextAreaElement).value : x)) })}></textarea>
        <${Lengths} id=${`${id}-lengths`} networks=${lengths[j]} />
        ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : null}
      </div>`;
    })}
    <${Field} label=${t('versions.article')} name=${`version-${i}-article`} type="url" value=${v.article_url}
      onValue=${(url: string) => onChange({ ...v, article_url: url })} dir="ltr" hint=${t('versions.articleHint')} error=${errorFor(`${at}.article_url`)} />
    <button type="button" class="link danger" onClick=${onRemove}>${t('versions.remove', { language: label })}</button>
  </fieldset>`;
}

interface Props extends Errors {
  versions: StormVersion[];
  onVersions(versions: StormVersion[]): void;
  /** The storm's own language, which no version may take. */
  language: string;
  /** How many posts the storm has: a new version starts with as many empty texts. */
  posts: number;
  post: PostContext;
}

export function StormVersions({ versions, onVersions, language, posts, post, errorFor, errorAt }: Props) {
  const change = (i: number, next: StormVersion) => onVersions(versions.map((v, j) => (j === i ? next : v)));
  return html`<fieldset class="versions">
    <legend>${t('versions.heading')}</legend>
    <p class="hint">${t('versions.stormHint')}</p>
    ${versions.map((v, i) => html`<${Version} key=${v.language} version=${v} index=${i} post=${post} errorFor=${errorFor} errorAt=${errorAt}
      onChange=${(next: StormVersion) => change(i, next)} onRemove=${() => onVersions(versions.filter((_, j) => j !== i))} />`)}
    <${LanguageAdder} name="storm-version" taken=${[language, ...versions.map((v) => v.language)]}
      onAdd=${(tag: string) => onVersions([...versions, { language: tag, title: '', texts: Array.from({ length: posts }, () => ''), article_url: '' }])} />
  </fieldset>`;
}

/** The posts changed in number: each version gains an empty text at the end, or loses the removed one. */
export const withPostAdded = (versions: StormVersion[]) => versions.map((v) => ({ ...v, texts: [...v.texts, ''] }));
export const withPostRemoved = (versions: StormVersion[], index: number) => versions.map((v) => ({ ...v, texts: v.texts.filter((_, j) => j !== index) }));
