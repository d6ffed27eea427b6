// What a new password must be: long enough, not absurdly long, and not one of the passwords every
// guessing list starts with. Length does most of the work; the list catches the long-but-obvious ones.
import type { InvalidParam } from '../../http/problem.ts';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;
export { MAX_PASSWORD_LENGTH };

const COMMON = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '1234567891011', '111111111111', '000000000000',
  'passwordpassword', 'password1234', 'password12345', 'password123456', 'password1234567', 'passw0rd1234',
  'qwertyuiop12', 'qwertyuiopasdf', 'qwertyuiopasdfgh', 'qwerty123456', '1qaz2wsx3edc', '1q2w3e4r5t6y', 'q1w2e3r4t5y6',
  'asdfghjkl123', 'zxcvbnm12345', 'iloveyou1234', 'letmein12345', 'welcome12345', 'welcome123456', 'administrator',
  'abcdefghijkl', 'abc123abc123', 'abcd1234abcd', 'changeme1234', 'football1234', 'baseball1234', 'superman1234',
  'trustno11234', 'sunshine1234', 'princess1234', 'starwars1234', 'monkey123456', 'dragon123456', 'michael12345',
  'whatever1234', 'outcry123456', 'outcryoutcry', 'correcthorsebatterystaple',
]);

export type PasswordProblem = 'short' | 'long' | 'common';

/** What is wrong with a new password, or undefined when it will do. */
export function passwordProblem(password: string, email?: string): PasswordProblem | undefined {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'long';
  const plain = password.toLowerCase();
  const own = email ? [email.toLowerCase(), email.split('@')[0]!.toLowerCase()] : [];
  // one or two characters over and over ("aaaaaaaaaaaa", "abababababab") is no password either
  if (COMMON.has(plain) || new Set(chars).size <= 2 || own.includes(plain)) return 'common';
  return undefined;
}

const REASONS: Record<PasswordProblem, string> = {
  short: `must have at least ${MIN_PASSWORD_LENGTH} characters`,
  long: `must have at most ${MAX_PASSWORD_LENGTH} characters`,
  common: 'is too common or too easy to guess',
};

export function checkNewPassword(password: string, field = 'password', email?: string): InvalidParam[] {
  const problem = passwordProblem(password, email);
  return problem ? [{ name: field, reason: REASONS[problem] }] : [];
}
