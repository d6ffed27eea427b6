// How an erased address is remembered: only as a keyed hash (HMAC-SHA256 under a key derived from the
// installation's secret), enough to recognise the address when an import brings it back, useless for
// listing who asked to be forgotten. Rotating OUTCRY_SECRET forgets the list.
import { createHmac } from 'node:crypto';
import { normaliseEmail } from './email-address.ts';

const keys = new Map<string, Buffer>();

export function erasedAddressHash(secret: string, email: string): string {
  // a key of its own, so these hashes can never be mistaken for (or used as) a link signature
  let key = keys.get(secret);
  if (!key) keys.set(secret, key = createHmac('sha256', secret).update('outcry erased addresses').digest());
  return createHmac('sha256', key).update(normaliseEmail(email)).digest('base64url');
}
