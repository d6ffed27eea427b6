// Unguessable tokens and HMAC signatures for public URLs.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 random bits, base64url (22 characters). */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
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
