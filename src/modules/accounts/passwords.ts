// Passwords are kept as scrypt hashes (memory-hard, in node:crypto, so no native add-on), written as a
// PHC-style string that names its parameters: a later version can raise them and still read old hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST_LOG2 = 15; // N = 32768: 32 MiB and roughly 50–100 ms per hash
const BLOCK_SIZE = 8;
const PARALLEL = 1;
const KEY_BYTES = 32;
/** Longer input only costs the server time: nobody types a 200-character password. */
export const MAX_PASSWORD_LENGTH = 200;

function derive(password: string, salt: Buffer, ln: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** ln;
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST_LOG2, BLOCK_SIZE, PARALLEL);
  return `$scrypt$ln=${COST_LOG2},r=${BLOCK_SIZE},p=${PARALLEL}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = PHC.exec(stored);
  if (!m || password.length > MAX_PASSWORD_LENGTH) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const key = await derive(password, Buffer.from(m[4]!, 'base64url'), Number(m[1]), Number(m[2]), Number(m[3]));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// An unknown address costs the same time as a wrong password, so the answer's delay tells nothing.
// Made when the sign-in routes are registered, not when the module loads: a worker or a CLI command never
// needs it (32 MiB and a thread's 50-100 ms at every start).
let dummyHash: Promise<string> | undefined;

export function preparePasswordTiming(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));
}

export async function spendPasswordTime(password: string): Promise<void> {
  await verifyPassword(password, await preparePasswordTiming());
}
