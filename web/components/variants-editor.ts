// The posts supporters are spread over, each with its length on every network (see post-lengths.ts).
// Adding or removing a post is told apart from typing, so the versions in other languages can follow.
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';
import { Lengths, usePostLengths, type PostContext } from './post-lengths.ts';

interface Props extends PostContext {
  texts: string[];
  onTexts(texts: string[]): void;
  onAdd(): void;
  onRemove(index: number): void;
  lang: string;
  errorFor(index: number): string | undefined;
}

export function VariantsEditor({ texts, onTexts, onAdd, onRemove, lang, errorFor, ...post }: Props) {
  const lengths = usePostLengths(texts, post);
  const set = (i: number, text: string) => onTexts(texts.map((v, j) => (j === i ? text : v)));
  return html`<fieldset class="variants">
    <legend>${t('storm.variants')}</legend>
    <p class="hint">${t('storm.variantsHint')}</p>
    ${texts.map((text, i) => {
      const id = `variant-${i}`;
      const error = errorFor(i);
      return html`<div class=${`variant field${error ? ' has-error' : ''}`}>
        <label for=${id}>${t('storm.variant', { n: i + 1 })}</label>
        <textarea id=${id} rows="4" dir="auto" lang=${lang} value=${text} aria-describedby=${`${id}-lengths${error ? ` ${id}-error` : ''}`}
          onInput=${(e: Event) => set(i, (e.currentTarget as HTMLTextAreaElement).value)}></textarea>
        <${Lengths} id=${`${id}-lengths`} networks=${lengths[i]} />
        ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : null}
        ${texts.length > 1 ? html`<button type="button" class="link" onClick=${() => onRemove(i)}>
          ${t('storm.removeVariant', { n: i + 1 })}</button>` : null}
      </div>`;
    })}
    <button type="button" class="secondary" onClick=${onAdd}>${t('storm.addVariant')}</button>
  </fieldset>`;
}
