// Which variant (and target, and hashtag) a new supporter gets. Spreading people over the variants keeps a
// storm from posting one text thousands of times, which networks treat as spam. A hash of the person alone
// is fair on average but lumpy for small numbers; here each new supporter gets whatever is furthest below
// its share of the assignments so far (a weighted share: 2:1:1 gives the first half), and a stable hash of
// the person only breaks ties. Counting and remembering the assignments is assign-supporter.ts's work.

export interface Positioned {
  position: number;
}

export interface Candidate<K> {
  key: K;
  /** A positive whole number: its share is weight / total weight. */
  weight: number;
  /** How many supporters have it so far. */
  count: number;
}

/**
 * The candidate furthest below its share once one more supporter is counted: the largest
 * weight·(n+1)/W − count, in whole numbers. Keeps every count within one of its share at every step.
 */
export function chooseBalanced<K>(candidates: readonly Candidate<K>[], tieBreak: (key: K) => number): K | undefined {
  let n = 0;
  let total = 0;
  for (const c of candidates) {
    n += c.count;
    total += c.weight;
  }
  let best: Candidate<K> | undefined;
  let bestDeficit = 0;
  let bestTie: number | undefined; // computed only when there is a tie
  for (const c of candidates) {
    const deficit = c.weight * (n + 1) - c.count * total;
    if (best === undefined || deficit > bestDeficit) {
      best = c;
      bestDeficit = deficit;
      bestTie = undefined;
      continue;
    }
    if (deficit < bestDeficit) continue;
    bestTie ??= tieBreak(best.key);
    const tie = tieBreak(c.key);
    if (tie > bestTie) {
      best = c;
      bestTie = tie;
    }
  }
  return best?.key;
}

/** 32-bit FNV-1a: a cheap, stable hash for breaking ties the same way for the same person every time. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // FNV's low bits mix poorly on short, similar inputs; a final avalanche spreads them
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** The variant at `position` (1-based, as "?variant=N" names it), or undefined. */
export function variantAt<T extends Positioned>(variants: readonly T[], position: unknown): T | undefined {
  const n = typeof position === 'string' && /^\d{1,6}$/.test(position) ? Number(position) : NaN;
  return variants.find((v) => v.position === n);
}

/** The position after `current`, wrapping round; undefined when there is no other variant. */
export function nextPosition(variants: readonly Positioned[], current: number): number | undefined {
  if (variants.length < 2) return undefined;
  // the least position above the current one, else the least of all (without sorting a copy per page)
  let first: number | undefined;
  let next: number | undefined;
  let found = false;
  for (const { position } of variants) {
    if (position === current) found = true;
    if (first === undefined || position < first) first = position;
    if (position > current && (next === undefined || position < next)) next = position;
  }
  return found ? next ?? first : first;
}
