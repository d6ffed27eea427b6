// A message's numbers: delivery from its recipients, clicks and unsubscribes from tracking's events.
import type { Deps } from '../../deps.ts';
import { messageEventTotals } from '../tracking/index.ts';
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
}

export async function messageStatistics(deps: Pick<Deps, 'db'>, messageId: number): Promise<MessageStatistics> {
  const byStatus = await countRecipientsByStatus(deps.db, messageId);
  const events = await messageEventTotals(deps, messageId);
  const count = (status: string) => byStatus.find((r) => r.status === status)?.count ?? 0;
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
  };
}
