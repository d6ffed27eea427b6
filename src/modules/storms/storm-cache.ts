// The action page and its form read the same storm and variants for every supporter: in a storm's first
// minute, thousands of identical reads a second. Each process keeps them for a second. An organiser's edit
// shows at once in the process that made it (it forgets the storm) and within a second in any other.
// When the second is up, the next read is made while the last one goes on serving (for up to another
// second): the supporters arriving meanwhile do not all wait for it.
import type { Db, Storm, StormVariant } from '../../db/schema.ts';
import { findStormRowBySlug, selectVariants } from './storms.repo.ts';
import { selectTargets } from './targets.repo.ts';
import { targetOf, type StoredTarget } from './targets.service.ts';
import { selectStormTranslations, type StormTranslation } from './translations.repo.ts';

const KEEP_MS = 1_000;

export interface CachedStorm {
  storm: Storm;
  /** In rotation, by position. */
  variants: StormVariant[];
  /** Every variant the storm ever had, those an edit took out too (a form may still name one). */
  allVariants: StormVariant[];
  /** Its hashtags, without '#'. */
  hashtags: string[];
  /** The officials it addresses now, by position. */
  targets: StoredTarget[];
  /** Every target it ever had (a form may still name one). */
  allTargets: StoredTarget[];
  /** The storm in other languages (storm-language.ts). */
  translations: StormTranslation[];
}

interface Entry {
  until: number;
  value: Promise<CachedStorm | undefined>;
  /** The storm the read found, once it has. */
  found?: CachedStorm;
  /** The next read, while it is being made. */
  next?: Promise<unknown>;
}

const caches = new WeakMap<Db, Map<string, Entry>>();

/** The storm at /s/:slug with its variants, read at most once a second; undefined when there is none. */
export function findCachedStorm(db: Db, slug: string): Promise<CachedStorm | undefined> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, cache = new Map());
  const now = performance.now();
  const hit = cache.get(slug);
  if (hit && hit.until > now) return hit.value;
  if (hit?.found && hit.until + KEEP_MS > now) {
    // (a failed read leaves the last one serving, and the next request tries again)
    hit.next ??= read(db, cache, slug, now).then(() => undefined, () => undefined).finally(() => { hit.next = undefined; });
    return hit.value;
  }
  return read(db, cache, slug, now);
}

/** The storm findCachedStorm would give at once, when its read is current and done: nothing need be awaited. */
export function peekCachedStorm(db: Db, slug: string): CachedStorm | undefined {
  const hit = caches.get(db)?.get(slug);
  return hit && hit.until > performance.now() ? hit.found : undefined;
}

/** Reads the storm and keeps the read (which serves at once, for a request that waits for it). */
function read(db: Db, cache: Map<string, Entry>, slug: string, now: number): Promise<CachedStorm | undefined> {
  const entry: Entry = { until: now + KEEP_MS, value: load(db, slug) };
  const previous = cache.get(slug);
  // while the next read is made the last one goes on serving; a request with nothing to serve waits for it
  if (!previous?.found || previous.until + KEEP_MS <= now) cache.set(slug, entry);
  void entry.value.then((found) => {
    // a slug with no storm is not kept: the map holds only real storms, whatever addresses are tried
    if (!found) {
      const current = cache.get(slug);
      if (current === entry || (previous !== undefined && current === previous)) cache.delete(slug);
      return;
    }
    entry.found = found;
    // unless the storm was forgotten (an edit here) or read afresh meanwhile
    const current = cache.get(slug);
    if (current === entry || (previous !== undefined && current === previous)) cache.set(slug, entry);
  }, () => { if (cache.get(slug) === entry) cache.delete(slug); });
  return entry.value;
}

export function forgetCachedStorm(db: Db, slug: string): void {
  caches.get(db)?.delete(slug);
}

async function load(db: Db, slug: string): Promise<CachedStorm | undefined> {
  const storm = await findStormRowBySlug(db, slug);
  if (!storm) return undefined;
  const allVariants = await selectVariants(db, storm.id, true);
  const targetRows = await selectTargets(db, storm.id, true);
  const translations = await selectStormTranslations(db, storm.id);
  return {
    storm, variants: allVariants.filter((v) => v.removed_at === null), allVariants,
    hashtags: JSON.parse(storm.hashtags) as string[],
    targets: targetRows.filter((t) => t.removed_at === null).map(targetOf), allTargets: targetRows.map(targetOf),
    translations,
  };
}
