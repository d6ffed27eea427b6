// Unguessable tokens and HMAC signatures for public URLs.
import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

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

// A visitor id goes into two indexes with each supporter (the storm's visitors, the assignments' key): random
// ids put each row on a page of its own, hundreds of pages rewritten a commit in a burst. A sortable token
// begins with a counter, so those rows land side by side at each index's end. The counter starts at a
// random point in each process, so a token says nothing of when it was made, or of whom; its other 84 bits
// are random, so it is no easier to guess. Same length and characters as randomToken()'s.
/** The base64url characters in byte order: text made of them sorts as the numbers they write. */
const SORTED = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const COUNTER_CHARS = 8;
const RANDOM_CHARS = 14;
const COUNTER_SPAN = 64 ** COUNTER_CHARS;
const sortable = Buffer.alloc(COUNTER_CHARS + RANDOM_CHARS);
let counter = -1;

/** 22 characters as randomToken() gives, 84 of their bits random; each sorts after the one made before (in this process). */
export function sortableToken(): string {
  if (counter < 0) counter = randomBytes(6).readUIntBE(0, 6);
  counter = (counter + 1) % COUNTER_SPAN;
  let n = counter;
  for (let i = COUNTER_CHARS - 1; i >= 0; i--) {
    sortable[i] = SORTED.charCodeAt(n % 64);
    n = Math.floor(n / 64);
  }
  if (used + RANDOM_CHARS > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  // six random bits from each of 14 random bytes
  for (let i = 0; i < RANDOM_CHARS; i++) sortable[COUNTER_CHARS + i] = SORTED.charCodeAt(pool[used + i]! & 63);
  used += RANDOM_CHARS;
  return sortable.toString('latin1');
}

// A message's recipients are stored 500 at a time, each with a token in a unique index: random tokens put
// nearly every row of a batch on an index page of its own, hundreds of pages rewritten each commit. Tokens
// of one batch that begin alike land side by side. Only the beginning is shared, and it is random for each
// batch, so a token says nothing of when it was made or how many came before it (unlike sortableToken()'s
// counter); its own part keeps 104 random bits. What it does tell: two recipients who compare their links
// can see that they were copied in the same batch of 500.
const BATCH_PREFIX = 4;

/** `count` tokens shaped as randomToken()'s, sharing a random beginning: rows stored together, side by side in an index. */
export function batchTokens(count: number): string[] {
  const prefix = randomToken().slice(0, BATCH_PREFIX);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push(prefix + randomToken().slice(BATCH_PREFIX));
  return tokens;
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
  const pads = padsOf(secret);
  hmacInto(pads, parts.join('\n'));
  return pads.outer.toString('base64url', BLOCK, BLOCK + 16);
}

/** HMAC-SHA256 of `data` under `secret`: the same bytes as createHmac('sha256', secret) (a test checks). */
export function hmacSha256(secret: string, data: string): Buffer {
  const pads = padsOf(secret);
  hmacInto(pads, data);
  return Buffer.from(pads.outer.subarray(BLOCK, BLOCK + 32));
}

/**
 * HMAC-SHA256 (RFC 2104) as two one-shot hashes over the key's pads, kept per secret; the result is left
 * in the 32 bytes after the outer pad. A send signs two things per mail (the unsubscribe address, the
 * Message-ID): createHmac's object and key set-up each time cost half as much again. The data is written
 * into a buffer kept after the inner pad, and each hash comes back as a latin1 ('binary') string written into place:
 * a hash as a Buffer is a new ArrayBuffer given Buffer's prototype, which cost more than the hashing.
 */
function hmacInto(pads: Pads, data: string): void {
  // a UTF-16 unit is at most three bytes of UTF-8
  if (BLOCK + data.length * 3 > pads.inner.length) pads.inner = grown(pads.inner, BLOCK + data.length * 3);
  const length = BLOCK + pads.inner.write(data, BLOCK, 'utf8');
  pads.outer.write(hash('sha256', pads.inner.subarray(0, length), 'binary'), BLOCK, 'latin1');
  pads.outer.write(hash('sha256', pads.outer, 'binary'), BLOCK, 'latin1');
  // a rare long text (a signed URL of a few kilobytes) does not keep its buffer for the life of the process
  if (pads.inner.length > KEPT_BYTES) pads.inner = grown(pads.inner, BLOCK + 256);
}

const BLOCK = 64;
const KEPT_BYTES = 16 * 1024;
/** The inner pad followed by room for the data; the outer pad followed by room for the inner hash, then the result. */
interface Pads { secret: string; inner: Buffer; outer: Buffer }
let lastPads: Pads | undefined;

function padsOf(secret: string): Pads {
  if (lastPads?.secret === secret) return lastPads;
  const given = Buffer.from(secret);
  const key = Buffer.alloc(BLOCK);
  (given.length > BLOCK ? createHash('sha256').update(given).digest() : given).copy(key);
  const inner = Buffer.alloc(BLOCK + 256);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = key[i]! ^ 0x36;
    outer[i] = key[i]! ^ 0x5c;
  }
  lastPads = { secret, inner, outer };
  return lastPads;
}

/** A buffer of `size` bytes that starts with the pad `from` starts with. */
function grown(from: Buffer, size: number): Buffer {
  const next = Buffer.alloc(size);
  from.copy(next, 0, 0, BLOCK);
  return next;
}

export function verifySignature(secret: string, signature: unknown, ...parts: string[]): boolean {
  if (typeof signature !== 'string') return false;
  const expected = Buffer.from(sign(secret, ...parts));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
