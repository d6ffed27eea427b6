// The action page and its form read the same storm and variants for every supporter: in a storm's first
// minute, thousands of identical reads a second. Each process keeps them for a second. An organiser's edit
// shows at once in the process that made it (it forgets the storm) and within a second in any other.
import type { Db, Storm, StormVariant } from '../../db/schema.ts';
import { findStormRowBySlug, selectVariants } from './storms.repo.ts';

const KEEP_MS = 1_000;

export interface CachedStorm {
  storm: Storm;
  /** In rotation, by position. */
  variants: StormVariant[];
  /** Every variant the storm ever had, those an edit took out too (a form may still name one). */
  allVariants: StormVariant[];
}

interface Entry { until: number; value: Promise<CachedStorm | undefined> }

const caches = new WeakMap<Db, Map<string, Entry>>();

/** The storm at /s/:slug with its variants, read at most once a second; undefined when there is none. */
export function findCachedStorm(db: Db, slug: string): Promise<CachedStorm | undefined> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, cache = new Map());
  const now = performance.now();
  const hit = cache.get(slug);
  if (hit && hit.until > now) return hit.value;
  const value = load(db, slug);
  cache.set(slug, { until: now + KEEP_MS, value });
  // a slug with no storm is not kept: the map holds only real storms, whatever addresses are tried
  void value.then((found) => { if (!found) cache.delete(slug); }, () => cache.delete(slug));
  return value;
}

export function forgetCachedStorm(db: Db, slug: string): void {
  caches.get(db)?.delete(slug);
}

async function load(db: Db, slug: string): Promise<CachedStorm | undefined> {
  const storm = await findStormRowBySlug(db, slug);
  if (!storm) return undefined;
  const allVariants = await selectVariants(db, storm.id, true);
  return { storm, variants: allVariants.filter((v) => v.removed_at === null), allVariants };
}
