// Wall-clock times in a named time zone ("19:00 in Europe/London") turned into instants. Node 24 has no
// Temporal unflagged, so the polyfill supplies the same API; the zone rules are Intl's (Node's ICU data).
import { Temporal } from 'temporal-polyfill';

/** Ends with Z or a numeric offset: an instant on its own, no zone needed. */
export function hasOffset(time: string): boolean {
  return /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/.test(time.trim());
}

export type ZonedTimeResult =
  | { ok: true; instant: Date; timeZone: string }
  /** bad-zone: no such zone. bad-time: not a date and time. gap: the clocks skip it there (DST). */
  | { ok: false; reason: 'bad-zone' | 'bad-time' | 'gap' };

/** The zone's own spelling of a name ("europe/london" → "Europe/London"), or undefined when it names none. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return Temporal.ZonedDateTime.from({ year: 2000, month: 1, day: 1, timeZone: name }).timeZoneId;
  } catch {
    return undefined;
  }
}

/**
 * The instant a local time ("2026-02-20T19:00" or "2026-02-20 19:00") stands for in a zone. A time that
 * happens twice (clocks go back) is the earlier one; a time that never happens (clocks go forward) is refused.
 */
export function localTimeToInstant(local: string, timeZone: string): ZonedTimeResult {
  const zone = canonicalTimeZone(timeZone);
  if (!zone) return { ok: false, reason: 'bad-zone' };
  let wallClock: Temporal.PlainDateTime;
  try {
    if (hasOffset(local)) return { ok: false, reason: 'bad-time' };
    wallClock = Temporal.PlainDateTime.from(local.trim().replace(' ', 'T'));
  } catch {
    return { ok: false, reason: 'bad-time' };
  }
  const zoned = wallClock.toZonedDateTime(zone, { disambiguation: 'earlier' });
  // in a gap 'earlier' moves the wall clock back by the gap's length: it no longer reads what was asked
  if (!zoned.toPlainDateTime().equals(wallClock)) return { ok: false, reason: 'gap' };
  return { ok: true, instant: new Date(zoned.epochMilliseconds), timeZone: zone };
}

/** An instant with an offset ("2026-02-20T19:00:00+01:00"), or undefined when it is not one. */
export function parseInstant(time: string): Date | undefined {
  try {
    return new Date(Temporal.Instant.from(time.trim().replace(' ', 'T')).epochMilliseconds);
  } catch {
    return undefined;
  }
}

/** How an instant reads on the wall clock of a zone, minutes precision: "2026-02-20 19:00". */
export function wallClockIn(instant: Date, timeZone: string): string {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  return zoned.toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
}
