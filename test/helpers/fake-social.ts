// Bluesky's post search and a Mastodon server's hashtag timeline as a test meets them: HTTP servers on
// 127.0.0.1 answering the way the real APIs do (written from their documentation: searchPosts with
// q/since/until/limit/cursor, newest first; /api/v1/timelines/tag/:tag with limit/max_id/min_id/since_id
// and a Link header). A post shows only once the test's clock has reached the time it was indexed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/lib/clock.ts';

export interface FakePost {
  /** ISO 8601: when the author made it. */
  createdAt: string;
  /** Without '#'. */
  tags: string[];
  /** When the server has it (late indexing, late federation); createdAt when absent. */
  indexedAt?: string;
}

export interface FakeServer {
  baseUrl: string;
  /** Every request's URL, in order. */
  requests: URL[];
  close(): Promise<void>;
}

export interface FakeBluesky extends FakeServer {
  /** Adds posts; returns their at:// URIs. */
  add(posts: FakePost[]): string[];
  /** Answer 403 to any search with a cursor, as the public AppView has done for unauthenticated searches. */
  refuseCursor: boolean;
}

export interface FakeMastodon extends FakeServer {
  /** Adds statuses; returns their URIs. `uri` makes a status this server knows from another server. */
  add(posts: (FakePost & { uri?: string })[]): string[];
}

let serial = 0;

export async function startFakeBluesky(clock: Clock): Promise<FakeBluesky> {
  const posts: (FakePost & { uri: string; handle: string })[] = [];
  const fake = {
    refuseCursor: false,
    add(list: FakePost[]) {
      return list.map((p) => {
        const n = ++serial;
        const uri = `at://did:plc:author${n % 7}/app.bsky.feed.post/3k${n.toString(36).padStart(8, '0')}`;
        posts.push({ ...p, uri, handle: `supporter${n % 7}.bsky.social` });
        return uri;
      });
    },
  };
  const server = await listen((url, res) => {
    if (url.pathname !== '/xrpc/app.bsky.feed.searchPosts') return notFound(res);
    const q = url.searchParams;
    if (fake.refuseCursor && q.has('cursor')) return json(res, 403, { error: 'Forbidden' });
    const tag = (q.get('q') ?? '').replace(/^#/, '').toLowerCase();
    const since = q.has('since') ? Date.parse(q.get('since')!) : -Infinity;
    const until = q.has('until') ? Date.parse(q.get('until')!) : Infinity;
    const limit = Math.min(100, Number(q.get('limit') ?? 25));
    const offset = Number(q.get('cursor') ?? 0);
    const now = clock.now().getTime();
    const found = posts
      .filter((p) => Date.parse(p.indexedAt ?? p.createdAt) <= now && p.tags.some((t) => t.toLowerCase() === tag))
      .map((p) => ({ p, sortAt: Math.min(Date.parse(p.createdAt), Date.parse(p.indexedAt ?? p.createdAt)) }))
      .filter(({ sortAt }) => sortAt >= since && sortAt < until)
      .sort((a, b) => b.sortAt - a.sortAt || (a.p.uri < b.p.uri ? 1 : -1));
    const page = found.slice(offset, offset + limit).map(({ p }) => ({
      uri: p.uri, cid: 'bafyrei' + p.uri.slice(-8), author: { did: p.uri.split('/')[2], handle: p.handle },
      record: { $type: 'app.bsky.feed.post', text: p.tags.map((t) => `#${t}`).join(' '), createdAt: p.createdAt },
      indexedAt: p.indexedAt ?? p.createdAt, replyCount: 0, repostCount: 0, likeCount: 0,
    }));
    json(res, 200, { posts: page, ...(offset + limit < found.length ? { cursor: String(offset + limit) } : {}) });
  }, 'bluesky');
  return Object.assign(fake, server);
}

export async function startFakeMastodon(clock: Clock, host = 'social.example'): Promise<FakeMastodon> {
  const statuses: (FakePost & { id: bigint; uri: string; url: string })[] = [];
  const fake = {
    add(list: (FakePost & { uri?: string })[]) {
      return list.map((p) => {
        const n = ++serial;
        // Mastodon's ids: milliseconds of the post's time, shifted, plus a sequence
        const id = (BigInt(Date.parse(p.createdAt)) << 16n) + BigInt(n);
        const uri = p.uri ?? `https://${host}/users/supporter${n % 5}/statuses/${id}`;
        statuses.push({ ...p, id, uri, url: `https://${host}/@supporter${n % 5}/${id}` });
        return uri;
      });
    },
  };
  const server = await listen((url, res) => {
    const match = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (!match) return notFound(res);
    const tag = decodeURIComponent(match[1]!).toLowerCase();
    const q = url.searchParams;
    const limit = Math.min(40, Number(q.get('limit') ?? 20));
    const now = clock.now().getTime();
    let list = statuses
      .filter((s) => Date.parse(s.indexedAt ?? s.createdAt) <= now && s.tags.some((t) => t.toLowerCase() === tag))
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    if (q.has('max_id')) list = list.filter((s) => s.id < BigInt(q.get('max_id')!));
    if (q.has('since_id')) list = list.filter((s) => s.id > BigInt(q.get('since_id')!));
    // min_id: the page just after it, still newest first
    const page = q.has('min_id') ? list.filter((s) => s.id > BigInt(q.get('min_id')!)).slice(-limit) : list.slice(0, limit);
    if (page.length > 0) {
      const base = `${server.baseUrl}${url.pathname}?limit=${limit}`;
      res.setHeader('link', `<${base}&max_id=${page.at(-1)!.id}>; rel="next", <${base}&min_id=${page[0]!.id}>; rel="prev"`);
    }
    json(res, 200, page.map((s) => ({
      id: String(s.id), uri: s.uri, url: s.url, created_at: s.createdAt, visibility: 'public', reblog: null,
      content: `<p>${s.tags.map((t) => `#${t}`).join(' ')}</p>`, tags: s.tags.map((t) => ({ name: t.toLowerCase() })),
    })));
  }, 'mastodon');
  return Object.assign(fake, server);
}

async function listen(handle: (url: URL, res: ServerResponse) => void, _name: string): Promise<FakeServer> {
  const requests: URL[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    if (req.method !== 'GET') return notFound(res);
    handle(url, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function notFound(res: ServerResponse): void {
  json(res, 404, { error: 'Not found' });
}
