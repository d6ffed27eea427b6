import { describe, expect, it } from 'vitest';
import { trustProxyFrom } from './trust-proxy.ts';

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told', () => {
    for (const raw of [undefined, '', 'false', '0']) expect(trustProxyFrom(raw)).toBe(false);
  });

  it('takes a number of proxies, or their addresses and ranges', () => {
    // a number: that many hops from our side are proxies (hop 0 connected to us)
    const one = trustProxyFrom('1') as (address: string, hop: number) => boolean;
    expect([one('10.0.0.1', 0), one('203.0.113.7', 1)]).toEqual([true, false]);
    const two = trustProxyFrom('2') as (address: string, hop: number) => boolean;
    expect([two('10.0.0.1', 0), two('10.0.0.2', 1), two('203.0.113.7', 2)]).toEqual([true, true, false]);
    expect(trustProxyFrom('127.0.0.1, 10.0.0.0/8,::1,fd00::/8')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
  });

  it('refuses `true` (any client could name its own address) and anything not an address', () => {
    expect(() => trustProxyFrom('true')).toThrow(/number of proxies/);
    expect(() => trustProxyFrom('proxy.example.org')).toThrow(/TRUST_PROXY.*proxy\.example\.org/);
    expect(() => trustProxyFrom('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => trustProxyFrom('1.2.3.4/8/9')).toThrow(/TRUST_PROXY/);
  });
});
