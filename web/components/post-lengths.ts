// A post's length on X, Bluesky and Mastodon as that network counts it (hashtags and the article link
// added, as it will be posted). The server counts (twitter-text for X, graphemes for Bluesky, 23 per link
// on Mastodon), so the counter and the save agree exactly; asked a quarter second after the typing stops.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';

interface NetworkLength { network: string; name: string; length: number; limit: number }
interface Measured { text: string; networks: NetworkLength[] }

export interface PostContext {
  hashtags: string[];
  articleUrl: string;
  slug: string;
  targets: { name: string; handles: Record<string, string> }[];
}

/** The lengths of each of `texts`, one entry per text (empty until the server has answered). */
export function usePostLengths(texts: string[], { hashtags, articleUrl, slug, targets }: PostContext): NetworkLength[][] {
  const [measured, setMeasured] = useState<Measured[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => {
      api<{ items: Measured[] }>('POST', '/api/v1/storms/post-lengths', {
        messages: texts.map((text) => ({ text })), hashtags, article_url: articleUrl.trim() || null, slug, targets,
      }).then((r) => setMeasured(r.items), () => {});
    }, 250);
    return () => clearTimeout(timer);
  }, [texts.join('\u0000'), hashtags.join(' '), articleUrl, slug, JSON.stringify(targets)]);
  return texts.map((_, i) => measured[i]?.networks ?? []);
}

export function Lengths({ id, networks }: { id: string; networks: NetworkLength[] }) {
  return html`<ul class="lengths" id=${id} aria-live="polite">
    ${networks.map((n) => html`<li class=${n.length > n.limit ? 'over' : ''} data-network=${n.network}>
      ${t('storm.length', { network: n.name, length: n.length, limit: n.limit })}
      ${n.length > n.limit ? html` <strong>${t('storm.tooLong')}</strong>` : null}</li>`)}
  </ul>`;
}
