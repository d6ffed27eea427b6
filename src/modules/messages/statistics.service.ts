// A message's numbers: delivery from its recipients, clicks, opens and unsubscribes from tracking's
// events, and how each subject of an A/B test did.
import type { Deps } from '../../deps.ts';
import type { Message } from '../../db/schema.ts';
import { messageEventTotals } from '../tracking/index.ts';
import { abSubjectsOf } from './ab-test-input.ts';
import { abVariantResults, type VariantResult } from './ab-test-results.ts';
import { findMessageById } from './messages.repo.ts';
import { countRecipientsByStatus } from './recipients.repo.ts';

export interface MessageStatistics {
  total: number;
  queued: number;
  sent: number;
  failed: number;
  /** Not sent because the person unsubscribed or bounced after the send started. */
  skipped: number;
  bounced: number;
  /** People who clicked at least one link. */
  clicked: number;
  unsubscribed: number;
  links: { url: string; clicked: number }[];
  /** People whose open pixel loaded; null when the message does not track opens. */
  opened: number | null;
  /** Present when opens are tracked: image blocking and proxies make them estimates. */
  opens_are_estimates?: true;
  /** Per subject variant of an A/B test; null without one. */
  ab_test: { variants: VariantResult[]; winner: number | null } | null;
}

type StatisticsMessage = Pick<Message, 'id' | 'track_opens' | 'ab_subjects' | 'ab_winner'>;

/** `message` saves reading the row again when the caller has it. */
export async function messageStatistics(deps: Pick<Deps, 'db'>, messageId: number, message?: StatisticsMessage): Promise<MessageStatistics> {
  // the counts are independent reads (a million recipients at scale): side by side on PostgreSQL's pool
  const [row, byStatus, events] = await Promise.all([
    message ?? findMessageById(deps.db, messageId), countRecipientsByStatus(deps.db, messageId), messageEventTotals(deps, messageId),
  ]);
  const count = (status: string) => byStatus.find((r) => r.status === status)?.count ?? 0;
  const trackOpens = Boolean(row?.track_opens);
  const subjects = row ? abSubjectsOf(row) : undefined;
  return {
    total: byStatus.reduce((sum, r) => sum + r.count, 0),
    queued: count('queued'),
    sent: count('sent'),
    failed: count('failed'),
    skipped: count('skipped'),
    bounced: byStatus.reduce((sum, r) => sum + r.bounced, 0),
    clicked: events.clicked,
    unsubscribed: events.unsubscribed,
    links: events.byLink,
    opened: trackOpens ? events.opened : null,
    ...(trackOpens ? { opens_are_estimates: true as const } : {}),
    ab_test: subjects ? { variants: await abVariantResults(deps, messageId, subjects), winner: row!.ab_winner } : null,
  };
}
