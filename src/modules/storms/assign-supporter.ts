// What a supporter is given on a live storm's page: a variant, a target and a hashtag, each the one furthest
// below its share (rotation.ts), kept so they get the same again when they come back (same personal link,
// same visitor cookie). It stays cheap in a burst: each process counts the assignments it makes, starting
// from the stored counts since the storm's last edit (one query per storm and edit); it remembers the
// supporters it has seen; a brand-new visitor is never looked up; and the rows are written by group commit
// (assignment-writer.ts). Each process balances its own supporters, so the whole stays within a few of its share.
import type { Deps } from '../../deps.ts';
import type { Db } from '../../db/schema.ts';
import { isoTime } from '../../lib/clock.ts';
import { storeAssignment } from './assignment-writer.ts';
import { selectAssignmentTallies, selectAssignments } from './assignments.repo.ts';
import { chooseBalanced, stableHash, type Candidate } from './rotation.ts';
import type { CachedStorm } from './storm-cache.ts';

export interface Assignment {
  variantId: number;
  targetId: number | null;
  hashtag: string | null;
}

export interface Supporter {
  /** From a personal link: then the assignment is theirs on any device. */
  personId?: number | undefined;
  visitor: string;
  /** The visitor id was made for this request: nothing can be stored under it yet. */
  newVisitor: boolean;
}

interface Tally {
  /** The storm's updated_at these counts start from: an edit starts the shares again. */
  epoch: string;
  ready: Promise<void>;
  /** The stored counts are in (ready has settled). */
  loaded: boolean;
  variants: Map<number, number>;
  targets: Map<number, number>;
  hashtags: Map<string, number>;
}

interface Book {
  tallies: Map<number, Tally>;
  /** Recently seen supporters, `${storm}\n${key}` → what they have; the least recently seen are dropped first. */
  seen: Map<string, Assignment>;
}

const MAX_SEEN = 50_000;
const books = new WeakMap<Db, Book>();

/** `stored` settles once the assignment is committed (at once when nothing new had to be written). */
export interface Assigned {
  assignment: Assignment;
  stored: Promise<void>;
}

const NONE: string[] = [];

/** What the supporter is given, when that needs nothing read first (no stored row to look up, the counts loaded), else undefined. */
export function peekAssignment(deps: Pick<Deps, 'db' | 'clock'>, cached: CachedStorm, who: Supporter): Assigned | undefined {
  const at = placeOf(deps.db, cached, who);
  const found = rememberedAssignment(at.book, at.stormId, at.seenKey, at.keys);
  if (!found && at.lookUp.length > 0) return undefined;
  return given(deps, cached, at, found, loadedTally(at.book, cached));
}

export async function assignSupporter(deps: Pick<Deps, 'db' | 'clock'>, cached: CachedStorm, who: Supporter): Promise<Assigned> {
  const at = placeOf(deps.db, cached, who);
  const found = rememberedAssignment(at.book, at.stormId, at.seenKey, at.keys)
    ?? (at.lookUp.length === 0 ? undefined : await storedAssignment(deps.db, at.stormId, at.lookUp, at.keys));
  return given(deps, cached, at, found, loadedTally(at.book, cached)) ?? given(deps, cached, at, found, await tallyOf(deps.db, at.book, cached))!;
}

/** Where a supporter's assignment is kept: the keys they are known by, and which of them are looked up. */
interface Place { book: Book; stormId: number; primary: string; keys: string[]; seenKey: string; lookUp: string[] }

function placeOf(db: Db, cached: CachedStorm, who: Supporter): Place {
  let book = books.get(db);
  if (!book) books.set(db, book = { tallies: new Map(), seen: new Map() });
  const stormId = cached.storm.id;
  const visitorKey = `v:${who.visitor}`;
  const primary = who.personId !== undefined ? `p:${who.personId}` : visitorKey;
  const keys = primary === visitorKey ? [visitorKey] : [primary, visitorKey];
  // a brand-new visitor id has nothing stored under it: it is not looked up
  const lookUp = !who.newVisitor ? keys : primary === visitorKey ? NONE : [primary];
  return { book, stormId, primary, keys, seenKey: `${stormId}\n${primary}`, lookUp };
}

/** What they keep or are given, once what they had is known; undefined when choosing needs the counts and `tally` is not in. */
function given(deps: Pick<Deps, 'db' | 'clock'>, cached: CachedStorm, at: Place, found: { key: string; assignment: Assignment } | undefined, tally: Tally | undefined): Assigned | undefined {
  const { book, stormId, primary, seenKey } = at;
  const parts = found && currentParts(found.assignment, cached);
  if (found && parts!.variant && parts!.target && parts!.hashtag) {
    remember(book, seenKey, found.assignment);
    // first seen anonymously, now from their email: the assignment becomes theirs on any device
    const stored = found.key !== primary ? store(deps, stormId, primary, found.assignment) : Promise.resolve();
    return { assignment: found.assignment, stored };
  }
  // someone new, or what they had was edited away: keep what is still there, choose the rest
  if (!tally) return undefined;
  const had = found?.assignment;
  const choices = choicesFor(cached);
  let kind = 'v';
  const tie = (key: number | string) => stableHash(`${stormId}\n${primary}\n${kind}\n${key}`);
  const variantId = parts?.variant ? had!.variantId : chooseBalanced(counted(choices.variants, tally.variants), tie);
  if (variantId === undefined) throw new Error(`storm ${stormId} has no variants in rotation`);
  kind = 't';
  const targetId = parts?.target ? had!.targetId : chooseBalanced(counted(choices.targets, tally.targets), tie) ?? null;
  kind = 'h';
  const hashtag = parts?.hashtag ? had!.hashtag : chooseBalanced(counted(choices.hashtags, tally.hashtags), tie) ?? null;
  const assignment: Assignment = { variantId, targetId, hashtag };
  bump(tally, assignment);
  remember(book, seenKey, assignment);
  return { assignment, stored: store(deps, stormId, primary, assignment) };
}

interface Choices { variants: Candidate<number>[]; targets: Candidate<number>[]; hashtags: Candidate<string>[] }

/** A storm read's candidates (one object per language), made once: their counts are set from the tally before each choice. */
const choicesByRead = new WeakMap<CachedStorm, Choices>();

function choicesFor(cached: CachedStorm): Choices {
  let choices = choicesByRead.get(cached);
  if (!choices) {
    choicesByRead.set(cached, choices = {
      variants: cached.variants.map((v) => ({ key: v.id, weight: v.weight, count: 0 })),
      targets: cached.targets.map((t) => ({ key: t.id, weight: 1, count: 0 })),
      hashtags: cached.hashtags.map((h) => ({ key: h, weight: 1, count: 0 })),
    });
  }
  return choices;
}

function counted<K>(candidates: Candidate<K>[], counts: Map<K, number>): Candidate<K>[] {
  for (const c of candidates) c.count = counts.get(c.key) ?? 0;
  return candidates;
}

/** What this process remembers the supporter has, under any of their keys (the first key first). */
function rememberedAssignment(book: Book, stormId: number, primarySeenKey: string, keys: string[]): { key: string; assignment: Assignment } | undefined {
  const assignment = book.seen.get(primarySeenKey);
  if (assignment) return { key: keys[0]!, assignment };
  for (let i = 1; i < keys.length; i++) {
    const other = book.seen.get(`${stormId}\n${keys[i]}`);
    if (other) return { key: keys[i]!, assignment: other };
  }
  return undefined;
}

/** What is stored for the supporter under any of the keys looked up (the first of `keys` first). */
async function storedAssignment(db: Db, stormId: number, lookUp: string[], keys: string[]): Promise<{ key: string; assignment: Assignment } | undefined> {
  const rows = await selectAssignments(db, stormId, lookUp);
  for (const key of keys) {
    const row = rows.find((r) => r.supporter === key);
    if (row) return { key, assignment: { variantId: row.variant_id, targetId: row.target_id, hashtag: row.hashtag } };
  }
  return undefined;
}

/** Which parts of an assignment the storm still has (an edit may have taken a variant, target or hashtag away). */
function currentParts(a: Assignment, cached: CachedStorm): { variant: boolean; target: boolean; hashtag: boolean } {
  return {
    variant: cached.variants.some((v) => v.id === a.variantId),
    target: cached.targets.length === 0 ? a.targetId === null : cached.targets.some((t) => t.id === a.targetId),
    hashtag: cached.hashtags.length === 0 ? a.hashtag === null : a.hashtag !== null && cached.hashtags.includes(a.hashtag),
  };
}

function store(deps: Pick<Deps, 'db' | 'clock'>, stormId: number, supporter: string, a: Assignment): Promise<void> {
  return storeAssignment(deps.db, {
    storm_id: stormId, supporter, variant_id: a.variantId, target_id: a.targetId, hashtag: a.hashtag, created_at: isoTime(deps.clock.now()),
  });
}

function remember(book: Book, key: string, assignment: Assignment): void {
  book.seen.delete(key); // set again last: the map's order is the order of use
  book.seen.set(key, assignment);
  if (book.seen.size <= MAX_SEEN) return;
  let drop = MAX_SEEN / 10;
  for (const old of book.seen.keys()) {
    if (drop-- <= 0) break;
    book.seen.delete(old);
  }
}

/** The storm's counts when they are read and still current: then nothing need be awaited. */
function loadedTally(book: Book, cached: CachedStorm): Tally | undefined {
  const tally = book.tallies.get(cached.storm.id);
  return tally?.loaded && tally.epoch === cached.storm.updated_at ? tally : undefined;
}

async function tallyOf(db: Db, book: Book, cached: CachedStorm): Promise<Tally> {
  const { storm } = cached;
  let tally = book.tallies.get(storm.id);
  if (!tally || tally.epoch !== storm.updated_at) {
    const fresh: Tally = { epoch: storm.updated_at, ready: Promise.resolve(), loaded: false, variants: new Map(), targets: new Map(), hashtags: new Map() };
    fresh.ready = selectAssignmentTallies(db, storm.id, storm.updated_at).then((rows) => {
      for (const r of rows) bump(fresh, { variantId: r.variant_id, targetId: r.target_id, hashtag: r.hashtag }, r.n);
      fresh.loaded = true;
    }, (err: unknown) => {
      if (book.tallies.get(storm.id) === fresh) book.tallies.delete(storm.id); // the next supporter tries again
      throw err;
    });
    book.tallies.set(storm.id, tally = fresh);
  }
  await tally.ready;
  return tally;
}

function bump(tally: Tally, a: Assignment, by = 1): void {
  tally.variants.set(a.variantId, (tally.variants.get(a.variantId) ?? 0) + by);
  if (a.targetId !== null) tally.targets.set(a.targetId, (tally.targets.get(a.targetId) ?? 0) + by);
  if (a.hashtag !== null) tally.hashtags.set(a.hashtag, (tally.hashtags.get(a.hashtag) ?? 0) + by);
}
