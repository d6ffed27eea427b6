import { describe, expect, it } from 'vitest';
import { chooseVariant, nextPosition, variantAt } from './rotation.ts';

const variants = [{ id: 11, position: 1 }, { id: 12, position: 2 }, { id: 13, position: 3 }];

describe('rotation', () => {
  it('gives the same person the same variant every time', () => {
    const first = chooseVariant(variants, 7, 'visitor-a');
    for (let i = 0; i < 5; i++) expect(chooseVariant(variants, 7, 'visitor-a')).toBe(first);
  });

  it('spreads many people over all the variants', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const v = chooseVariant(variants, 7, `visitor-${i}`)!;
      counts.set(v.id, (counts.get(v.id) ?? 0) + 1);
    }
    for (const v of variants) expect(counts.get(v.id)).toBeGreaterThan(800);
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
