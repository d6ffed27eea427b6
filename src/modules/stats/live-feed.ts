// One reader of a live value (a storm's "people have posted", its dashboard snapshot) shared by every stream
// that shows it in this process. It listens for the notifications that say the value may have moved, reads it
// at most once per interval however many arrive, and sends the JSON to every subscriber only when it changed.
// It also reads again now and then unprompted: a notification is a hint and may be lost (a reconnecting
// listener), and some inputs (emails delivered, a minute passing) announce nothing.

export interface LiveSource {
  /** Starts listening for changes; resolves, once listening, to a way to stop. */
  listen(wake: (payload: unknown) => void): Promise<() => Promise<void>>;
  /** Whether a notification can move the value (default: every one can). */
  relevant?(payload: unknown): boolean;
  /** Reads the value; `maxAgeMs`: a read shared with other callers counts if it began no longer ago than this. */
  read(maxAgeMs: number): Promise<object>;
  /** What must change for the value to be sent again (default: the whole JSON). */
  fingerprint?(value: object): string;
  /** The unprompted re-read. */
  resyncMs: number;
}

export type Subscriber = (json: string) => void;

export interface LiveFeed {
  add(subscriber: Subscriber): void;
  remove(subscriber: Subscriber): void;
  /** Reads made so far: what the burst test counts. */
  readonly reads: number;
  close(): Promise<void>;
}

export interface FeedOptions {
  /** The least time between the starts of two reads. */
  minIntervalMs: number;
  onError(err: unknown): void;
}

export function createLiveFeed(source: LiveSource, options: FeedOptions): LiveFeed {
  const subscribers = new Set<Subscriber>();
  let current: string | undefined;
  let currentFingerprint: string | undefined;
  /** performance.now() of the earliest wake-up no read has answered yet. */
  let pendingSince: number | undefined;
  let lastStart = -Infinity;
  let reading = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let reads = 0;
  let stopListening: (() => Promise<void>) | undefined;

  function wake() {
    pendingSince ??= performance.now();
    schedule();
  }

  function schedule() {
    if (closed || reading || timer || pendingSince === undefined) return;
    const wait = Math.max(0, lastStart + options.minIntervalMs - performance.now());
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, wait);
  }

  async function run() {
    const since = pendingSince!;
    pendingSince = undefined;
    reading = true;
    lastStart = performance.now();
    reads += 1;
    try {
      // only a read begun after the wake-up can have seen what woke us
      const value = await source.read(lastStart - since);
      const json = JSON.stringify(value);
      const fingerprint = source.fingerprint ? source.fingerprint(value) : json;
      if (!closed && fingerprint !== currentFingerprint) {
        current = json;
        currentFingerprint = fingerprint;
        for (const send of subscribers) send(json);
      }
    } catch (err) {
      options.onError(err);
      pendingSince ??= since; // tried again after the interval
    } finally {
      reading = false;
      schedule();
    }
  }

  const resync = setInterval(wake, source.resyncMs).unref();
  // listening first, then the first read: a change between the two is not missed
  source.listen((payload) => { if (!source.relevant || source.relevant(payload)) wake(); })
    .then((stop) => { if (closed) void stop().catch(options.onError); else stopListening = stop; }, options.onError)
    .finally(wake);

  return {
    add(subscriber) {
      subscribers.add(subscriber);
      if (current !== undefined) subscriber(current);
    },
    remove(subscriber) {
      subscribers.delete(subscriber);
    },
    get reads() {
      return reads;
    },
    async close() {
      if (closed) return;
      closed = true;
      subscribers.clear();
      clearInterval(resync);
      clearTimeout(timer);
      await stopListening?.().catch(options.onError);
    },
  };
}
