// How far V8 lets the old generation grow after each full collection: `--heap-growing-percent=30`
// (bin/node-flags.js) at start, then, in a process that serves the web, only while a send runs.
//
// A send promotes a steady trickle of its mails' objects; with V8's own choice (four times what survived
// the last full collection, and more, on a fast collector) its old generation filled with garbage for
// minutes: bench:send's peak 492 MB at 1,000,000 mails against 311 at 100,000. Held to 30 % it is
// collected every few seconds, for about 4 % more processor time. A storm's burst, though, answered
// slower held so (bench:burst, 6 + 6 runs in turns: 42.5 against 40.7 µs per request, p99 71 against
// 59 ms), so between sends a web process lets V8 choose. V8 reads the flag whenever it sets the next limit.
import v8 from 'node:v8';

export const SEND_HEAP_GROWING_PERCENT = 30;

export interface HeapGrowthPolicy {
  /** From now on, outside sends, let V8 choose (a process that serves the web calls this once it is up). */
  relaxOutsideSends(): void;
  /** Holds the heap to SEND_HEAP_GROWING_PERCENT while `run` goes on. */
  during<T>(run: () => Promise<T>): Promise<T>;
}

/** `setPercent(0)` gives the choice back to V8. */
export function createHeapGrowthPolicy(setPercent: (percent: number) => void): HeapGrowthPolicy {
  let sends = 0;
  let relaxed = false;
  return {
    relaxOutsideSends() {
      relaxed = true;
      if (sends === 0) setPercent(0);
    },
    async during(run) {
      if (sends === 0 && relaxed) setPercent(SEND_HEAP_GROWING_PERCENT);
      sends++;
      try {
        return await run();
      } finally {
        if (--sends === 0 && relaxed) setPercent(0);
      }
    },
  };
}

export const heapGrowth = createHeapGrowthPolicy((percent) => v8.setFlagsFromString(`--heap-growing-percent=${percent}`));
