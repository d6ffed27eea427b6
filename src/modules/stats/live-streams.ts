// The live streams one process holds: each names a feed (a storm's counter, its dashboard) that is made on
// the first stream and closed with the last, so a thousand supporters on one storm share one reader. A cap
// on open streams answers 503 beyond it; one timer sends every stream its heartbeat; shutting down ends
// every stream, so closing the server does not wait on them.
import type { FastifyReply } from 'fastify';
import { notFound, Problem } from '../../http/problem.ts';
import { openEventStream, type EventStream } from './event-stream.ts';
import { createLiveFeed, type LiveFeed, type LiveSource } from './live-feed.ts';

const HEARTBEAT_MS = 25_000;
const MIN_READ_INTERVAL_MS = 1_000;

interface FeedEntry { feed: Promise<LiveFeed | undefined>; holders: number; ready?: LiveFeed }

export interface LiveStreamStats {
  streams: number;
  feeds: number;
  /** Reads made by feeds still open, and by those closed. */
  reads: number;
}

export interface LiveStreams {
  /**
   * Answers the request with a stream of the feed `key`, made by `source()` when no stream holds it yet.
   * `source()` resolving to undefined (the storm is not there) answers 404; a full process answers 503.
   */
  open(reply: FastifyReply, key: string, source: () => Promise<LiveSource | undefined>): Promise<void>;
  stats(): LiveStreamStats;
  close(): Promise<void>;
}

export function createLiveStreams(options: { maxStreams: number; onError(err: unknown): void }): LiveStreams {
  const feeds = new Map<string, FeedEntry>();
  const streams = new Set<EventStream>();
  let reserved = 0;
  let closedReads = 0;
  let closing = false;
  const heartbeat = setInterval(() => streams.forEach((s) => s.heartbeat()), HEARTBEAT_MS).unref();

  function release(key: string, entry: FeedEntry) {
    entry.holders -= 1;
    if (entry.holders > 0) return;
    if (feeds.get(key) === entry) feeds.delete(key);
    void entry.feed.then(async (feed) => {
      if (!feed) return;
      closedReads += feed.reads;
      await feed.close();
    }, () => {});
  }

  return {
    async open(reply, key, source) {
      if (closing || reserved >= options.maxStreams) {
        reply.header('Retry-After', String(30 + Math.floor(Math.random() * 60)));
        throw new Problem(503, 'too-many-streams', 'Too many live streams are open on this server', 'Try again in a minute.');
      }
      reserved += 1;
      let entry = feeds.get(key);
      if (!entry) {
        const made: FeedEntry = { feed: source().then((s) => {
          if (!s) return undefined;
          return made.ready = createLiveFeed(s, { minIntervalMs: MIN_READ_INTERVAL_MS, onError: options.onError });
        }), holders: 0 };
        feeds.set(key, entry = made);
      }
      entry.holders += 1;
      const held = entry;
      let feed: LiveFeed | undefined;
      try {
        feed = await held.feed;
      } catch (err) {
        reserved -= 1;
        release(key, held);
        throw err;
      }
      if (!feed || closing) {
        reserved -= 1;
        release(key, held);
        if (!feed) throw notFound('Storm');
        throw new Problem(503, 'shutting-down', 'This server is shutting down', 'Try again in a moment.');
      }
      // browsers come back 2–10 s after a drop, not all at once
      const stream = openEventStream(reply, { retryMs: 2_000 + Math.floor(Math.random() * 8_000) });
      const subscriber = (json: string) => stream.send(json);
      streams.add(stream);
      feed.add(subscriber);
      void stream.closed.then(() => {
        streams.delete(stream);
        feed.remove(subscriber);
        reserved -= 1;
        release(key, held);
      });
    },
    stats() {
      let reads = closedReads;
      for (const entry of feeds.values()) reads += entry.ready?.reads ?? 0;
      return { streams: streams.size, feeds: feeds.size, reads };
    },
    async close() {
      closing = true;
      clearInterval(heartbeat);
      for (const stream of streams) stream.end();
      await Promise.all([...feeds.values()].map((e) => e.feed.then((f) => f?.close(), () => {})));
    },
  };
}
