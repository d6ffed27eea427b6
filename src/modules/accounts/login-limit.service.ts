// Login attempts are limited per account and per client address, counted in the database so the limit
// holds however many web processes there are: 5 failures per address typed in 15 minutes, 20 per client
// address. An address nobody has counts like a real one, so the refusal says nothing about who exists.
//
// Each attempt is written down as a failure *before* the password is checked, and struck out if it
// succeeds: a burst of parallel guesses cannot all slip in under the count while the hashes are computed.
import type { Deps } from '../../deps.ts';
import { retryAfterSeconds, TooManyRequests, type RateLimit } from '../../http/rate-limit.ts';
import { deleteAccountFailures, deleteFailuresBefore, deleteLoginFailure, insertLoginFailure, selectRecentFailures } from './login-failures.repo.ts';

export const PER_ACCOUNT: RateLimit = { limit: 5, windowMs: 15 * 60_000 };
export const PER_ADDRESS: RateLimit = { limit: 20, windowMs: 15 * 60_000 };
const LONGEST_WINDOW_MS = Math.max(PER_ACCOUNT.windowMs, PER_ADDRESS.windowMs);

/**
 * Counts an attempt against `account` (the address typed, lower-case) and `ip`; throws 429 with the seconds
 * to wait when either has failed too often lately. The attempt stays a failure unless loginSucceeded follows.
 */
export async function beginLoginAttempt(deps: Pick<Deps, 'db' | 'clock'>, account: string, ip: string): Promise<void> {
  const now = deps.clock.now();
  await deleteFailuresBefore(deps.db, new Date(now.getTime() - LONGEST_WINDOW_MS).toISOString());
  const id = await insertLoginFailure(deps.db, account, ip, now.toISOString());
  const checks = [['account', account, PER_ACCOUNT], ['ip', ip, PER_ADDRESS]] as const;
  for (const [by, value, rule] of checks) {
    const since = new Date(now.getTime() - rule.windowMs).toISOString();
    const earlier = await selectRecentFailures(deps.db, by, value, since, rule.limit, id);
    const wait = retryAfterSeconds(earlier.map((t) => new Date(t)), rule, now);
    if (wait > 0) {
      // a refused attempt tried no password: it does not lengthen the wait
      await deleteLoginFailure(deps.db, id);
      throw new TooManyRequests(wait, 'Too many failed logins');
    }
  }
}

/** The account's failures, this attempt's among them, no longer count (the address's other ones still do). */
export async function loginSucceeded(deps: Pick<Deps, 'db'>, account: string): Promise<void> {
  await deleteAccountFailures(deps.db, account);
}
