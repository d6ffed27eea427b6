// Group commit: every item handed in while the previous write was running, or in the same turn of the event
// loop, goes into one write of up to `maxRows`. In a storm's first minute that is one statement for hundreds
// of rows instead of one each. Each caller's promise settles once its item is written (or could not be), so
// nothing waits in memory for a timer: a crash loses only requests not yet answered.

export interface GroupCommitOptions<T> {
  maxRows: number;
  write(items: T[]): Promise<void>;
  /** Items with the same key are written once, the latest winning (an upsert may not touch a row twice). */
  key?(item: T): string;
  /** When a batch fails, write its items one by one, so one bad item does not take the others with it. */
  isolateFailures?: boolean;
  /** Told the items each write stored, after their callers were. */
  written?(items: T[]): void;
}

/** The callers of one item: most items have one, an item whose key came again has each caller's. */
interface Pending<T> { item: T; key: string | undefined; resolve: (() => void) | (() => void)[]; reject: ((err: unknown) => void) | ((err: unknown) => void)[] }

export function groupCommit<T>(options: GroupCommitOptions<T>): (item: T) => Promise<void> {
  // in arrival order; with a key, an item given again replaces the one before (its callers move with it)
  let queue: (Pending<T> | undefined)[] = [];
  let head = 0;
  const byKey = options.key ? new Map<string, Pending<T>>() : undefined;
  let waiting = 0;
  let scheduled = false;
  let writing = false;

  function schedule(): void {
    if (scheduled || writing) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void write();
    });
  }

  function take(): Pending<T>[] {
    const batch: Pending<T>[] = [];
    while (head < queue.length && batch.length < options.maxRows) {
      const p = queue[head];
      queue[head++] = undefined;
      if (p === undefined) continue; // given again later in the queue
      batch.push(p);
      if (byKey) byKey.delete(p.key!);
    }
    waiting -= batch.length;
    // what was taken is dropped from the queue's front once it is all of it, or a good part
    if (head === queue.length || head >= 4096) {
      queue = queue.slice(head);
      head = 0;
    }
    return batch;
  }

  /** The write's promise, which rejects (rather than throws) when the write fails before it is under way. */
  function attempt(items: T[]): Promise<void> {
    try {
      return options.write(items);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async function write(): Promise<void> {
    writing = true;
    const batch = take();
    const stored: T[] = [];
    try {
      await attempt(batch.map((p) => p.item));
      for (const p of batch) {
        stored.push(p.item);
        settle(p.resolve, undefined);
      }
    } catch (err) {
      if (!options.isolateFailures || batch.length === 1) {
        for (const p of batch) settle(p.reject, err);
      } else {
        for (const p of batch) {
          await attempt([p.item]).then(() => {
            stored.push(p.item);
            settle(p.resolve, undefined);
          }, (e: unknown) => settle(p.reject, e));
        }
      }
    } finally {
      writing = false;
      if (waiting > 0) schedule();
    }
    if (stored.length > 0) options.written?.(stored);
  }

  return (item) => new Promise((resolve, reject) => {
    const key = byKey ? options.key!(item) : undefined;
    const pending: Pending<T> = { item, key, resolve, reject };
    if (byKey) {
      const before = byKey.get(key!);
      if (before) {
        // a repeated key moves to the end, after the items handed in before it, with its callers
        queue[queue.lastIndexOf(before)] = undefined;
        waiting--;
        pending.resolve = [...callers(before.resolve), resolve];
        pending.reject = [...callers(before.reject), reject];
      }
      byKey.set(key!, pending);
    }
    queue.push(pending);
    waiting++;
    schedule();
  });
}

function callers<F>(f: F | F[]): F[] {
  return Array.isArray(f) ? f : [f];
}

function settle<A>(f: ((a: A) => void) | ((a: A) => void)[], a: A): void {
  if (Array.isArray(f)) for (const g of f) g(a);
  else f(a);
}
