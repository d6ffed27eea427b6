import { describe, expect, it } from 'vitest';
import { chooseBalanced, nextPosition, stableHash, variantAt, type Candidate } from './rotation.ts';

const variants = [{ id: 11, position: 1 }, { id: 12, position: 2 }, { id: 13, position: 3 }];

/** Assigns `people` new supporters one by one; returns the largest |count − share| seen at any step. */
function maxDeviation(weights: number[], people: number, start: number[] = weights.map(() => 0)): { worst: number; counts: number[] } {
  const counts = [...start];
  const total = weights.reduce((a, b) => a + b, 0);
  let worst = 0;
  for (let p = 0; p < people; p++) {
    const candidates: Candidate<number>[] = weights.map((weight, key) => ({ key, weight, count: counts[key]! }));
    const chosen = chooseBalanced(candidates, (key) => stableHash(`7\nvisitor-${p}\n${key}`))!;
    counts[chosen]!++;
    const n = counts.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => { worst = Math.max(worst, Math.abs(counts[i]! - (w / total) * n)); });
  }
  return { worst, counts };
}

describe('fair rotation', () => {
  it('keeps each of 3 variants weighted 2:1:1 within one of its share over 1,000 assignments, at every step', () => {
    const { worst, counts } = maxDeviation([2, 1, 1], 1000);
    expect(worst).toBeLessThanOrEqual(1);
    expect(counts).toEqual([500, 250, 250]);
  });

  it('stays within one of the share for uneven weights and for equal ones', () => {
    expect(maxDeviation([5, 3, 1, 1], 997).worst).toBeLessThanOrEqual(1);
    expect(maxDeviation([1, 1, 1], 1000).worst).toBeLessThanOrEqual(1);
    expect(maxDeviation([7, 2], 1000).worst).toBeLessThanOrEqual(1);
  });

  it('lets a variant that starts behind catch up, then holds the balance', () => {
    // a variant added to a storm that already gave 40 supporters the first two
    expect(maxDeviation([1, 1, 1], 20, [20, 20, 0]).counts).toEqual([20, 20, 20]);
    const later = maxDeviation([1, 1, 1], 30, [20, 20, 0]).counts;
    expect(later.every((c) => c === 23 || c === 24)).toBe(true);
  });

  it('does better than a hash of the person for a small crowd', () => {
    // 12 supporters over 3 equal variants: exactly 4 each, where a hash would be lumpy
    expect(maxDeviation([1, 1, 1], 12).counts).toEqual([4, 4, 4]);
  });

  it('breaks ties by a stable hash: the same person and counts give the same choice', () => {
    const fresh: Candidate<number>[] = [{ key: 1, weight: 1, count: 0 }, { key: 2, weight: 1, count: 0 }, { key: 3, weight: 1, count: 0 }];
    const pick = (who: string) => chooseBalanced(fresh, (key) => stableHash(`9\n${who}\n${key}`));
    expect(pick('visitor-a')).toBe(pick('visitor-a'));
    const firsts = new Set(Array.from({ length: 30 }, (_, i) => pick(`visitor-${i}`)));
    expect(firsts.size).toBe(3);
    expect(chooseBalanced([], () => 0)).toBeUndefined();
  });

  it('finds the variant "?variant=N" names, and the next one round', () => {
    expect(variantAt(variants, '2')?.id).toBe(12);
    expect(variantAt(variants, '9')).toBeUndefined();
    expect(variantAt(variants, '2abc')).toBeUndefined();
    expect(nextPosition(variants, 2)).toBe(3);
    expect(nextPosition(variants, 3)).toBe(1);
    expect(nextPosition([{ position: 1 }], 1)).toBeUndefined();
  });
});
