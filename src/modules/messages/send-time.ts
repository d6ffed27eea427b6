// When a scheduled send goes out: an instant with an offset as it is, or a wall-clock time in a named zone
// ("19:00 in Europe/London", whatever the offset is that day). The zone is kept to show the time as written.
import { invalid, Problem } from '../../http/problem.ts';
import { canonicalTimeZone, hasOffset, localTimeToInstant, parseInstant } from '../../lib/zoned-time.ts';

export interface SendTimeInput {
  at?: string | undefined;
  timezone?: string | undefined;
}

export interface SendTime {
  /** Undefined: now. */
  at: Date | undefined;
  /** An IANA zone name in its canonical spelling, when one was given. */
  timezone: string | undefined;
}

export function resolveSendTime(input: SendTimeInput): SendTime {
  const timezone = input.timezone === undefined ? undefined : checkedZone(input.timezone);
  if (input.at === undefined) return { at: undefined, timezone };
  if (hasOffset(input.at)) {
    const at = parseInstant(input.at);
    if (!at) throw invalid([{ name: 'at', reason: 'must be an ISO 8601 time, like 2026-02-20T19:00:00+01:00' }]);
    return { at, timezone };
  }
  if (timezone === undefined) {
    throw invalid([{ name: 'timezone', reason: 'is needed when `at` has no offset, e.g. "Europe/London"' }]);
  }
  const result = localTimeToInstant(input.at, timezone);
  if (result.ok) return { at: result.instant, timezone: result.timeZone };
  if (result.reason === 'gap') {
    throw new Problem(400, 'nonexistent-local-time', `${input.at} does not exist in ${timezone}`,
      'The clocks go forward over that time there (daylight saving time); choose a time outside the change.',
      [{ name: 'at', reason: `does not exist in ${timezone}: the clocks skip it` }]);
  }
  throw invalid([{ name: 'at', reason: 'must be a date and time, like 2026-02-20T19:00' }]);
}

function checkedZone(name: string): string {
  const zone = canonicalTimeZone(name);
  if (!zone) throw invalid([{ name: 'timezone', reason: 'must be an IANA time zone, like "Europe/London"' }]);
  return zone;
}
