// Wall-clock times in a named zone, in and out: the storm form shows and takes times as the organiser
// means them ("20 Feb, 19:00 in Europe/London"), the API wants instants.

/** The zone's offset from UTC at `instant`, in minutes. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** "2026-02-20T19:00" in `timeZone` → an ISO instant with Z; undefined for an empty or bad value. */
export function zonedToIso(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // two passes settle the offset on either side of a change of clocks
  let instant = wall - offsetAt(wall, timeZone) * 60_000;
  instant = wall - offsetAt(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** An instant → "YYYY-MM-DDTHH:MM" on the wall clocks of `timeZone` (what a datetime-local field shows). */
export function isoToZoned(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  const local = new Date(instant + offsetAt(instant, timeZone) * 60_000);
  return local.toISOString().slice(0, 16);
}
