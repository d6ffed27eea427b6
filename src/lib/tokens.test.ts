import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batchTokens, hmacSha256, isTokenShaped, randomToken, sign, sortableToken, verifySignature } from './tokens.ts';

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

describe('sortable tokens', () => {
  it('have the shape of a random token, differ, and sort in the order they were made', () => {
    const tokens = Array.from({ length: 5_000 }, () => sortableToken());
    expect(tokens.every((t) => isTokenShaped(t))).toBe(true);
    expect(new Set(tokens).size).toBe(tokens.length);
    // byte order, as SQLite's indexes compare text (a wrap of the counter may split one run in two)
    const breaks = tokens.filter((t, i) => i > 0 && Buffer.compare(Buffer.from(tokens[i - 1]!), Buffer.from(t)) >= 0);
    expect(breaks.length).toBeLessThanOrEqual(1);
  });

  it('are random after their counter: the same counter position never gives the same rest', () => {
    const rests = Array.from({ length: 1_000 }, () => sortableToken().slice(8));
    expect(new Set(rests).size).toBe(rests.length);
  });
});

describe('batch tokens', () => {
  it('have the shape of a random token, differ, and share only a beginning that changes from batch to batch', () => {
    const batches = Array.from({ length: 50 }, () => batchTokens(500));
    const tokens = batches.flat();
    expect(tokens.every((t) => isTokenShaped(t))).toBe(true);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const batch of batches) expect(new Set(batch.map((t) => t.slice(0, 4))).size).toBe(1);
    expect(new Set(batches.map((b) => b[0]!.slice(0, 4))).size).toBeGreaterThan(45);
    expect(new Set(tokens.map((t) => t.slice(4))).size).toBe(tokens.length);
  });
});

describe('signatures', () => {
  it('are HMAC-SHA256, for short keys, keys of a whole block and keys longer than a block', () => {
    for (const secret of ['k', 'x'.repeat(64), 'y'.repeat(65), 'ключ-🔑'.repeat(20)]) {
      for (const data of ['', 'link\ntoken\nhttps://example.org/ä', 'z'.repeat(1000)]) {
        expect(hmacSha256(secret, data).equals(createHmac('sha256', secret).update(data).digest())).toBe(true);
      }
    }
  });

  it('verify only what was signed with the same secret', () => {
    const signature = sign('secret one', 'unsubscribe', 'abc');
    expect(verifySignature('secret one', signature, 'unsubscribe', 'abc')).toBe(true);
    expect(verifySignature('secret two', signature, 'unsubscribe', 'abc')).toBe(false);
    expect(verifySignature('secret one', signature, 'unsubscribe', 'abd')).toBe(false);
  });
});
