// Unguessable tokens and HMAC signatures for public URLs.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Each new visitor of a storm's page is given a token: taking them from a pool of random bytes, each byte
// used once, costs a fraction of asking the system for 16 bytes at a time.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

/** 128 random bits, base64url (22 characters). */
export function randomToken(bytes = 16): string {
  if (used + bytes > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, bytes));
    used = 0;
  }
  const token = pool.toString('base64url', used, used + bytes);
  used += bytes;
  return token;
}

/** Does the string look like a token randomToken() made? Checked before touching the database. */
export function isTokenShaped(value: unknown, bytes = 16): value is string {
  return typeof value === 'string' && value.length === Math.ceil((bytes * 4) / 3) && /^[A-Za-z0-9_-]+$/.test(value);
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A short (128-bit) HMAC-SHA256 signature, base64url. */
export function sign(secret: string, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\n')).digest().subarray(0, 16).toString('base64url');
}

export function verifySignature(secret: string, signature: unknown, ...parts: string[]): boolean {
  if (typeof signature !== 'string') return false;
  const expected = Buffer.from(sign(secret, ...parts));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
