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

interface Pending<T> { item: T; done: { resolve(): void; reject(err: unknown): void }[] }

export function groupCommit<T>(options: GroupCommitOptions<T>): (item: T) => Promise<void> {
  const pending = new Map<string, Pending<T>>();
  let scheduled = false;
  let writing = false;
  let counter = 0;

  function schedule(): void {
    if (scheduled || writing) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void write();
    });
  }

  async function write(): Promise<void> {
    writing = true;
    const batch: Pending<T>[] = [];
    for (const [key, p] of pending) {
      if (batch.length >= options.maxRows) break;
      batch.push(p);
      pending.delete(key);
    }
    const stored: T[] = [];
    try {
      await options.write(batch.map((p) => p.item));
      for (const p of batch) {
        stored.push(p.item);
        p.done.forEach((d) => d.resolve());
      }
    } catch (err) {
      if (!options.isolateFailures || batch.length === 1) {
        for (const p of batch) p.done.forEach((d) => d.reject(err));
      } else {
        for (const p of batch) {
          await options.write([p.item]).then(() => {
            stored.push(p.item);
            p.done.forEach((d) => d.resolve());
          }, (e: unknown) => p.done.forEach((d) => d.reject(e)));
        }
      }
    } finally {
      writing = false;
      if (pending.size > 0) schedule();
    }
    if (stored.length > 0) options.written?.(stored);
  }

  return (item) => new Promise((resolve, reject) => {
    const key = options.key ? options.key(item) : String(counter++);
    const done = [...(pending.get(key)?.done ?? []), { resolve, reject }];
    // delete first: a repeated key moves to the end, after the items handed in before it
    pending.delete(key);
    pending.set(key, { item, done });
    schedule();
  });
}
