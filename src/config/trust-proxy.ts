// TRUST_PROXY: which X-Forwarded-For entries to believe. Without a proxy, none: a client could otherwise
// name any address it likes and so slip past the per-address limits (logins, reminders) and forge the
// audit log's addresses. Behind proxies, the number of them (the address the last one saw is the client),
// or their own addresses: Fastify then reads the header from the right, skipping only those it trusts.
import { isIP } from 'node:net';

/**
 * In the form Fastify's `trustProxy` takes: false, none; the proxies' addresses or ranges; or, for a number
 * of proxies, a function trusting that many hops from our side (Fastify itself would trust none for a bare
 * number, as it cannot know the hops are proxies: so Outcry's port must be reachable from the proxy only).
 */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

function isAddressOrRange(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  const version = isIP(address ?? '');
  if (!version || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

export function trustProxyFrom(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) {
    // hop 0 is the address that connected (the nearest proxy); the address the last trusted proxy saw is the client
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  if (value === 'true') {
    throw new Error('TRUST_PROXY=true would believe any client\'s X-Forwarded-For: give the number of proxies in front (usually 1) or their addresses');
  }
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !isAddressOrRange(s));
  if (bad.length) throw new Error(`TRUST_PROXY must be false, a number of proxies, or a comma list of their addresses or CIDR ranges (got "${bad.join(', ')}")`);
  return list;
}
