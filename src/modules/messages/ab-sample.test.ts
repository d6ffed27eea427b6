import { describe, expect, it } from 'vitest';
import { chooseSample } from './ab-sample.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('choosing an A/B sample', () => {
  it('takes the percentage of the audience, split evenly among the subjects', () => {
    const groups = chooseSample(7, ids(1000), 3, 20);
    expect(groups.map((g) => g.length)).toEqual([67, 67, 66]);
    expect(new Set(groups.flat()).size).toBe(200);
  });

  it('makes the same choice every time, and a different one for another message', () => {
    expect(chooseSample(7, ids(500), 2, 10)).toEqual(chooseSample(7, ids(500).reverse(), 2, 10));
    expect(chooseSample(8, ids(500), 2, 10)).not.toEqual(chooseSample(7, ids(500), 2, 10));
  });

  it('does not simply take the first recipients', () => {
    const chosen = chooseSample(1, ids(1000), 2, 10).flat();
    expect(Math.max(...chosen)).toBeGreaterThan(500);
  });

  it('gives every subject someone when the audience is small, and copes with nobody', () => {
    expect(chooseSample(1, ids(3), 2, 1).map((g) => g.length)).toEqual([1, 1]);
    expect(chooseSample(1, ids(1), 4, 20).flat()).toHaveLength(1);
    expect(chooseSample(1, [], 2, 20)).toEqual([[], []]);
  });
});
