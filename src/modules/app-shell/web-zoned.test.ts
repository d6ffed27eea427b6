// The app's storm form turns a wall-clock time in a zone into an instant and back (web/lib/zoned.ts).
import { describe, expect, it } from 'vitest';
import { isoToZoned, zonedToIso } from '../../../web/lib/zoned.ts';

describe('wall-clock times in a zone, in the app', () => {
  it('reads a local time in its zone, either side of a change of clocks', () => {
    expect(zonedToIso('2026-02-20T19:00', 'Europe/London')).toBe('2026-02-20T19:00:00.000Z');
    expect(zonedToIso('2026-07-20T19:00', 'Europe/London')).toBe('2026-07-20T18:00:00.000Z');
    expect(zonedToIso('2026-02-20T19:00', 'Asia/Urumqi')).toBe('2026-02-20T13:00:00.000Z');
    expect(zonedToIso('2026-02-20T19:00', 'America/New_York')).toBe('2026-02-21T00:00:00.000Z');
    expect(zonedToIso('2026-02-20 19:00', 'UTC')).toBeUndefined();
  });

  it('writes an instant back as the zone\'s wall clock shows it', () => {
    expect(isoToZoned('2026-02-20T13:00:00Z', 'Asia/Urumqi')).toBe('2026-02-20T19:00');
    expect(isoToZoned('2026-07-20T18:00:00Z', 'Europe/London')).toBe('2026-07-20T19:00');
    expect(isoToZoned(zonedToIso('2026-10-25T01:30', 'Europe/London')!, 'Europe/London')).toBe('2026-10-25T01:30');
  });
});
