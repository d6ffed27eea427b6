// A bounce or complaint report becomes a subscription change: a hard bounce makes a subscribed person
// bouncing, a complaint makes anyone "spam complaint", and soft bounces do so once they add up
// (soft-bounce-run.ts). Every report is kept in bounce_events; one delivered twice changes nothing more.
import type { Deps } from '../../deps.ts';
import type { SubscriptionStatus } from '../../db/schema.ts';
import { findReportedRecipient, recordRecipientBounce } from '../messages/index.ts';
import { changeSubscription, findAudienceMemberByEmail, getPerson } from '../people/index.ts';
import type { BounceReport } from './bounce-report.ts';
import { findBounceEventByKey, insertBounceEvent } from './bounce-events.repo.ts';
import { softBounceRunLength } from './soft-bounce-run.ts';

export type BounceDeps = Pick<Deps, 'db' | 'clock' | 'secret' | 'log' | 'bounce'>;

export type ReportOutcome = 'recorded' | 'duplicate' | 'unknown-recipient';

/** Records each report; returns how many were new and about someone we know. */
export async function recordBounceReports(deps: BounceDeps, reports: BounceReport[]): Promise<number> {
  let recorded = 0;
  for (const report of reports) if ((await recordBounceReport(deps, report)) === 'recorded') recorded++;
  return recorded;
}

export async function recordBounceReport(deps: BounceDeps, report: BounceReport): Promise<ReportOutcome> {
  const eventKey = [report.provider, report.eventId, report.recipient.email?.toLowerCase() ?? report.recipient.token ?? ''].join(':');
  if (await findBounceEventByKey(deps.db, eventKey)) return 'duplicate';
  const whose = await whoseReport(deps, report);
  if (!whose) {
    deps.log.info({ provider: report.provider, kind: report.kind, event: report.eventId }, 'a bounce report names nobody we mailed');
    return 'unknown-recipient';
  }
  // the status changes first and the event is stored last: should this stop in between, the provider's
  // retry finds no event and runs again, and changing a status to what it already is changes nothing
  const outcome = await applyReport(deps, report, whose);
  await insertBounceEvent(deps.db, {
    person_id: whose.personId, message_id: whose.messageId, kind: report.kind, provider: report.provider,
    detail: report.detail?.slice(0, 1000) ?? null, event_key: eventKey.slice(0, 500), outcome,
    created_at: deps.clock.now().toISOString(),
  });
  return 'recorded';
}

async function whoseReport(deps: BounceDeps, report: BounceReport): Promise<{ personId: number; messageId: number | null } | undefined> {
  const recipient = report.kind === 'hard'
    ? await recordRecipientBounce(deps, report.recipient)
    : await findReportedRecipient(deps, report.recipient);
  if (recipient) return { personId: recipient.personId, messageId: recipient.messageId };
  // a mail outside any message (a test copy), reported by a provider that proved who it is
  if (report.recipient.byAddressAlone === false || !report.recipient.email) return undefined;
  const person = await findAudienceMemberByEmail(deps, report.recipient.email.toLowerCase());
  return person && { personId: person.id, messageId: null };
}

async function applyReport(deps: BounceDeps, report: BounceReport, whose: { personId: number; messageId: number | null }): Promise<SubscriptionStatus | null> {
  const status = (await getPerson(deps, whose.personId)).email_addresses[0]!.status;
  const detail = `${report.provider}${whose.messageId ? ` message:${whose.messageId}` : ''}`;
  const change = async (to: SubscriptionStatus, source: string, why = detail) =>
    (await changeSubscription(deps, whose.personId, to, { source, detail: why })) ? to : null;

  if (report.kind === 'complaint') return status === 'spam complaint' ? null : change('spam complaint', 'complaint');
  // bouncing must not overwrite an unsubscribe or a complaint: both say more than a full mailbox
  if (status !== 'subscribed' && status !== 'reminder only') return null;
  if (report.kind === 'hard') return change('bouncing', 'bounce');
  const run = await softBounceRunLength(deps, whose.personId, whose.messageId);
  return run >= deps.bounce.softBounceLimit
    ? change('bouncing', 'bounce', `${detail}, ${run} soft bounces in ${deps.bounce.softBounceDays} days`)
    : null;
}
