// The public posts carrying a hashtag on one Mastodon server: its hashtag timeline
// (/api/v1/timelines/tag/:tag), newest first, paged back with max_id until the posts are older than wanted.
// It holds the server's own posts and those it knows from others; a post's `uri` is the same on every server.
import { getJson } from '../../lib/get-json.ts';
import { mastodonServerUrl } from './mastodon-instance.ts';
import type { PublicPost } from './public-posts.repo.ts';

export interface MastodonTagRead {
  /** As normalizeMastodonServer makes it: a host name or a base URL. */
  server: string;
  /** Without '#'. */
  tag: string;
  /** ISO 8601: stop at posts made before this. */
  since: string;
  userAgent: string;
  maxPages?: number;
}

const PAGE_SIZE = 40; // Mastodon's most

interface Status {
  id?: unknown;
  uri?: unknown;
  url?: unknown;
  created_at?: unknown;
}

export async function* readMastodonTag(read: MastodonTagRead): AsyncGenerator<PublicPost[]> {
  const base = `${mastodonServerUrl(read.server)}/api/v1/timelines/tag/${encodeURIComponent(read.tag)}`;
  const since = Date.parse(read.since);
  let maxId: string | undefined;
  for (let page = 0; page < (read.maxPages ?? 10); page++) {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (maxId) params.set('max_id', maxId);
    const body = await getJson(`${base}?${params}`, { userAgent: read.userAgent });
    const statuses = Array.isArray(body) ? (body as Status[]) : [];
    const posts = statuses.map(publicPostOf).filter((p) => p !== undefined);
    if (posts.length > 0) yield posts;
    const last = statuses.at(-1);
    if (!last || typeof last.id !== 'string') return;
    if (posts.some((p) => Date.parse(p.created_at) < since)) return;
    maxId = last.id;
  }
}

function publicPostOf(status: Status): PublicPost | undefined {
  if (typeof status.uri !== 'string' || status.uri === '') return undefined;
  const created = Date.parse(String(status.created_at));
  if (Number.isNaN(created)) return undefined;
  return {
    post_id: status.uri,
    url: typeof status.url === 'string' ? status.url : null,
    created_at: new Date(created).toISOString(),
  };
}
