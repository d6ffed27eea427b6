import { describe, expect, it } from 'vitest';
import { isTokenShaped, randomToken } from './tokens.ts';

describe('random tokens', () => {
  it('never hands out the same bytes twice, across many refills of the pool', () => {
    const tokens = Array.from({ length: 5_000 }, () => randomToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every((t) => isTokenShaped(t))).toBe(true);
  });

  it('gives tokens of the length asked for, longer ones too', () => {
    expect(randomToken(32)).toHaveLength(43);
    expect(isTokenShaped(randomToken(32), 32)).toBe(true);
    expect(randomToken(5_000)).toHaveLength(Math.ceil((5_000 * 4) / 3));
  });
});
