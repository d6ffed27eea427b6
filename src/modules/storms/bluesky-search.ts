// The public posts carrying a hashtag on Bluesky, through an AppView's post search
// (app.bsky.feed.searchPosts), newest first, page by page. The public AppView has at times refused the
// `cursor` of unauthenticated searches (403); then the next page is asked for by moving `until` back to the
// oldest post seen, which needs no cursor.
import { getJson, HttpStatusError } from '../../lib/get-json.ts';
import type { PublicPost } from './public-posts.repo.ts';

export interface BlueskySearch {
  appviewUrl: string;
  /** Without '#'. */
  tag: string;
  /** ISO 8601: posts from (inclusive) … */
  since: string;
  /** … to (exclusive). */
  until: string;
  userAgent: string;
  maxPages?: number;
}

const PAGE_SIZE = 100;

interface PostView {
  uri?: unknown;
  author?: { handle?: unknown };
  record?: { createdAt?: unknown };
  indexedAt?: unknown;
}

export async function* searchBlueskyTag(search: BlueskySearch): AsyncGenerator<PublicPost[]> {
  let until = search.until;
  let cursor: string | undefined;
  let byTime = false;
  let oldest = Number.NaN; // of the last page: where paging by time goes on from
  for (let page = 0; page < (search.maxPages ?? 20); page++) {
    if (byTime) {
      // the oldest post seen comes again (until is exclusive), so none sharing its instant is lost
      if (Number.isNaN(oldest) || oldest + 1 >= Date.parse(until)) return; // a whole page in one millisecond
      until = new Date(oldest + 1).toISOString();
    }
    const params = new URLSearchParams({ q: `#${search.tag}`, sort: 'latest', since: search.since, until, limit: String(PAGE_SIZE) });
    if (cursor) params.set('cursor', cursor);
    let body: { posts?: unknown; cursor?: unknown };
    try {
      body = await getJson(`${search.appviewUrl}/xrpc/app.bsky.feed.searchPosts?${params}`, { userAgent: search.userAgent }) as typeof body;
    } catch (err) {
      if (!(err instanceof HttpStatusError && err.status === 403 && cursor !== undefined)) throw err;
      byTime = true;
      cursor = undefined;
      continue;
    }
    const views = Array.isArray(body.posts) ? (body.posts as PostView[]) : [];
    const posts = views.map(publicPostOf).filter((p) => p !== undefined);
    if (posts.length > 0) yield posts;
    if (views.length === 0) return;
    oldest = Math.min(...views.map(sortAt).filter((t) => !Number.isNaN(t)));
    if (byTime) {
      if (views.length < PAGE_SIZE) return;
    } else if (typeof body.cursor === 'string' && body.cursor !== '') {
      cursor = body.cursor;
    } else {
      return;
    }
  }
}

/** Search's order: the earlier of when the post says it was made and when the AppView saw it. */
function sortAt(view: PostView): number {
  const created = Date.parse(String(view.record?.createdAt));
  const indexed = Date.parse(String(view.indexedAt));
  if (Number.isNaN(created)) return indexed;
  return Number.isNaN(indexed) ? created : Math.min(created, indexed);
}

function publicPostOf(view: PostView): PublicPost | undefined {
  if (typeof view.uri !== 'string' || !view.uri.startsWith('at://')) return undefined;
  const created = Date.parse(String(view.record?.createdAt));
  if (Number.isNaN(created)) return undefined;
  const rkey = view.uri.split('/').at(-1);
  const handle = typeof view.author?.handle === 'string' ? view.author.handle : undefined;
  return {
    post_id: view.uri,
    url: handle && rkey ? `https://bsky.app/profile/${handle}/post/${rkey}` : null,
    created_at: new Date(created).toISOString(),
  };
}
