// When soft bounces add up to a bouncing address. A full mailbox or a greylisting server refuses for a
// while; an address that soft-bounces OUTCRY_SOFT_BOUNCE_LIMIT different messages within
// OUTCRY_SOFT_BOUNCE_DAYS days is treated as gone. Messages, not reports, are counted, because one mail
// can be reported delayed several times before it fails. The count starts again after a report changed
// the person's status, so someone subscribed again starts with a clean slate.
import type { Deps } from '../../deps.ts';
import { findLastOutcomeAt, selectSoftBouncesSince } from './bounce-events.repo.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How many messages soft-bounced in the run this one (not yet stored) belongs to, this one included. */
export async function softBounceRunLength(
  deps: Pick<Deps, 'db' | 'clock' | 'bounce'>, personId: number, messageId: number | null,
): Promise<number> {
  const windowStart = new Date(deps.clock.now().getTime() - deps.bounce.softBounceDays * DAY_MS).toISOString();
  const lastOutcome = await findLastOutcomeAt(deps.db, personId);
  const since = lastOutcome && new Date(lastOutcome) > new Date(windowStart) ? lastOutcome : windowStart;
  const earlier = await selectSoftBouncesSince(deps.db, personId, since);
  // a soft bounce nobody could tie to a message counts on its own
  const messages = new Set(earlier.map((e) => e.message_id ?? `event:${e.id}`));
  messages.add(messageId ?? 'this');
  return messages.size;
}
