// The posts supporters are spread over, each with its length on X, Bluesky and Mastodon as that network
// counts it (hashtags and the article link added, as they will be posted). The server counts (twitter-text
// for X, graphemes for Bluesky, 23 per link on Mastodon), so the counter and the save agree exactly.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';

interface NetworkLength { network: string; name: string; length: number; limit: number }
interface Measured { text: string; networks: NetworkLength[] }

interface Props {
  texts: string[];
  onTexts(texts: string[]): void;
  hashtags: string[];
  articleUrl: string;
  slug: string;
  targets: { name: string; handles: Record<string, string> }[];
  lang: string;
  errorFor(index: number): string | undefined;
}

export function VariantsEditor({ texts, onTexts, hashtags, articleUrl, slug, targets, lang, errorFor }: Props) {
  const [measured, setMeasured] = useState<Measured[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => {
      api<{ items: Measured[] }>('POST', '/api/v1/storms/post-lengths', {
        messages: texts.map((text) => ({ text })), hashtags, article_url: articleUrl.trim() || null, slug, targets,
      }).then((r) => setMeasured(r.items), () => {});
    }, 250);
    return () => clearTimeout(timer);
  }, [texts.join('\u0000'), hashtags.join(' '), articleUrl, slug, JSON.stringify(targets)]);

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
        <ul class="lengths" id=${`${id}-lengths`} aria-live="polite">
          ${(measured[i]?.networks ?? []).map((n) => html`<li class=${n.length > n.limit ? 'over' : ''} data-network=${n.network}>
            ${t('storm.length', { network: n.name, length: n.length, limit: n.limit })}
            ${n.length > n.limit ? html` <strong>${t('storm.tooLong')}</strong>` : null}</li>`)}
        </ul>
        ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : null}
        ${texts.length > 1 ? html`<button type="button" class="link" onClick=${() => onTexts(texts.filter((_, j) => j !== i))}>
          ${t('storm.removeVariant', { n: i + 1 })}</button>` : null}
      </div>`;
    })}
    <button type="button" class="secondary" onClick=${() => onTexts([...texts, ''])}>${t('storm.addVariant')}</button>
  </fieldset>`;
}
