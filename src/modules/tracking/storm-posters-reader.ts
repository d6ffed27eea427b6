// "N people have posted" is shown by every action page during a storm and pushed by every live stream of it:
// in a storm's first minute, thousands of asks a second. Per process and storm one read serves everyone who
// can use it: the caller says how old a read may be (counted from when it began), so a page takes a number
// up to a second old, and a live stream woken by a notification takes only a read begun after it.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../db/schema.ts';
import { inWriteThread } from '../../db/write-thread.ts';
import { countPostersIn } from './storm-posters.repo.ts';

// The count reads every poster's entry of the storm's index: at a few hundred thousand events, tens of
// milliseconds each second. On the embedded database it runs in the write thread, beside the requests
// (which went on waiting behind it on the main thread), on the connection that writes the events anyway.
const countPosters = inWriteThread(new URL('./storm-posters.repo.ts', import.meta.url).href, 'countPostersIn', countPostersIn);

interface Read { startedAt: number; value: Promise<number>; /** Once the read is done. */ done?: number }

const reads = new WeakMap<Db, Map<number, Read>>();

export function readStormPosters(deps: Pick<Deps, 'db'>, stormId: number, options: { maxAgeMs: number }): Promise<number> {
  let storms = reads.get(deps.db);
  if (!storms) reads.set(deps.db, storms = new Map());
  const now = performance.now();
  const last = storms.get(stormId);
  if (last && last.startedAt >= now - options.maxAgeMs) return last.value;
  const read: Read = { startedAt: now, value: countPosters(deps.db, stormId) };
  storms.set(stormId, read);
  const map = storms;
  read.value.then((n) => { read.done = n; }, () => { if (map.get(stormId) === read) map.delete(stormId); });
  return read.value;
}

/** The number readStormPosters would give at once, when a read young enough is done: nothing need be awaited. */
export function peekStormPosters(deps: Pick<Deps, 'db'>, stormId: number, options: { maxAgeMs: number }): number | undefined {
  const last = reads.get(deps.db)?.get(stormId);
  return last && last.startedAt >= performance.now() - options.maxAgeMs ? last.done : undefined;
}
