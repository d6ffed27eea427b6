// Signals between processes, for live numbers: a worker or another web process says "this counter
// moved" and every subscriber hears it. On PostgreSQL they travel by LISTEN/NOTIFY, so they reach every
// process on the database, the publisher's own included; on the embedded database there is one process
// and an EventEmitter does. A notification is a hint, not a record: one sent while a listener reconnects
// is lost, so a subscriber re-reads the numbers it shows rather than adding up what it hears.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Config } from '../config/config.ts';

export type NotificationHandler = (payload: unknown) => void;

export interface Notifier {
  /** Sends payload (JSON, under 8,000 bytes) to every subscriber of the channel. */
  publish(channel: string, payload: unknown): Promise<void>;
  /** Calls fn with each payload published on the channel; resolves, once listening, to an unsubscribe. */
  subscribe(channel: string, fn: NotificationHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

interface Logger {
  warn(obj: unknown, msg?: string): void;
}

const CHANNEL = /^[a-z][a-z0-9_.:-]{0,62}$/;
const MAX_PAYLOAD_BYTES = 7_999;

export function createNotifier(config: Pick<Config, 'databaseUrl'>, log?: Logger): Notifier {
  return config.databaseUrl ? createPostgresNotifier(config.databaseUrl, log) : createLocalNotifier(log);
}

function encode(channel: string, payload: unknown): string {
  if (!CHANNEL.test(channel)) throw new Error(`"${channel}" is not a channel name (a-z, 0-9, _ . : -)`);
  const text = JSON.stringify(payload ?? null);
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`a notification on ${channel} is over ${MAX_PAYLOAD_BYTES} bytes`);
  return text;
}

/** A subscriber that throws must not stop the others, nor the connection they share. */
function deliver(fn: NotificationHandler, payload: unknown, log?: Logger) {
  try {
    fn(payload);
  } catch (err) {
    log?.warn({ err }, 'a notification subscriber failed');
  }
}

function createLocalNotifier(log?: Logger): Notifier {
  const emitter = new EventEmitter().setMaxListeners(0);
  return {
    async publish(channel, payload) {
      const text = encode(channel, payload);
      // asynchronous like a database round trip, and each subscriber gets its own copy
      queueMicrotask(() => emitter.listeners(channel).forEach((fn) => deliver(fn as NotificationHandler, JSON.parse(text), log)));
    },
    async subscribe(channel, fn) {
      encode(channel, null);
      emitter.on(channel, fn);
      return async () => { emitter.off(channel, fn); };
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * One connection per process, opened on first use: it LISTENs to every channel someone subscribed to and
 * sends the NOTIFYs. When it drops it is opened again (waiting up to 30 s between tries) and listens anew.
 */
function createPostgresNotifier(databaseUrl: string, log?: Logger): Notifier {
  const subscribers = new Map<string, { fns: Set<NotificationHandler>; listening: Promise<void> }>();
  let client: Promise<pg.Client> | undefined;
  let closed = false;
  let retryMs = 500;

  function connection(): Promise<pg.Client> {
    if (closed) return Promise.reject(new Error('the notifier is closed'));
    client ??= open().catch((err: unknown) => {
      client = undefined;
      throw err;
    });
    return client;
  }

  async function open(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'outcry-notifier', keepAlive: true });
    c.on('notification', (n) => {
      const fns = subscribers.get(n.channel)?.fns;
      if (!fns || fns.size === 0) return;
      let payload: unknown;
      try {
        payload = JSON.parse(n.payload ?? 'null');
      } catch {
        return;
      }
      for (const fn of fns) deliver(fn, payload, log);
    });
    c.on('error', (err) => dropped(c, err));
    c.on('end', () => dropped(c, new Error('connection ended')));
    await c.connect();
    for (const channel of subscribers.keys()) await c.query(`LISTEN "${channel}"`);
    retryMs = 500;
    return c;
  }

  function dropped(c: pg.Client, err: Error) {
    if (closed) return;
    void client?.then((current) => {
      if (current !== c) return;
      client = undefined;
      c.end().catch(() => {});
      log?.warn({ err }, `notifier connection lost; listening again in ${retryMs} ms`);
      setTimeout(reconnect, retryMs).unref();
      retryMs = Math.min(30_000, retryMs * 2);
    }, () => {});
  }

  function reconnect() {
    if (closed || client || subscribers.size === 0) return;
    connection().catch((err: unknown) => {
      log?.warn({ err }, `notifier could not reconnect; trying again in ${retryMs} ms`);
      setTimeout(reconnect, retryMs).unref();
      retryMs = Math.min(30_000, retryMs * 2);
    });
  }

  return {
    async publish(channel, payload) {
      const text = encode(channel, payload);
      await (await connection()).query('SELECT pg_notify($1, $2)', [channel, text]);
    },
    async subscribe(channel, fn) {
      encode(channel, null);
      let entry = subscribers.get(channel);
      if (!entry) {
        // open() listens to every channel already known; a connection opened earlier learns this one here
        const listening = connection().then((c) => c.query(`LISTEN "${channel}"`)).then(() => {});
        entry = { fns: new Set(), listening };
        subscribers.set(channel, entry);
        listening.catch(() => { if (subscribers.get(channel) === entry) subscribers.delete(channel); });
      }
      await entry.listening;
      entry.fns.add(fn);
      return async () => {
        const current = subscribers.get(channel);
        current?.fns.delete(fn);
        if (current && current.fns.size === 0) {
          subscribers.delete(channel);
          const c = await client?.catch(() => undefined);
          await c?.query(`UNLISTEN "${channel}"`).catch(() => {});
        }
      };
    },
    async close() {
      closed = true;
      subscribers.clear();
      const c = await client?.catch(() => undefined);
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
