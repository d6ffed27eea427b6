import { describe, expect, it } from 'vitest';
import { randomToken } from '../lib/tokens.ts';
import { returnPathFor, tokenFromReturnPath } from './verp.ts';

describe('the VERP return path', () => {
  it('names the recipient token and reads it back', () => {
    const token = randomToken();
    const address = returnPathFor({ bounce: { domain: 'bounce.example.org' } }, token)!;
    expect(address).toBe(`bounces+${token}@bounce.example.org`);
    expect(tokenFromReturnPath(address, 'bounce.example.org')).toBe(token);
    expect(tokenFromReturnPath(address.replace('bounce.example.org', 'BOUNCE.Example.org'), 'bounce.example.org')).toBe(token);
  });

  it('is not used when no bounce domain is set', () => {
    expect(returnPathFor({ bounce: { domain: undefined } }, randomToken())).toBeUndefined();
  });

  it('reads no token from another domain or from an address that is no return path', () => {
    const token = randomToken();
    expect(tokenFromReturnPath(`bounces+${token}@example.net`, 'bounce.example.org')).toBeUndefined();
    expect(tokenFromReturnPath(`fbl@bounce.example.org`, 'bounce.example.org')).toBeUndefined();
    expect(tokenFromReturnPath(`bounces+short@bounce.example.org`, 'bounce.example.org')).toBeUndefined();
  });
});
