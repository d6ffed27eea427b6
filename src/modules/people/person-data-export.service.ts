// Everything Outcry stores about one person, in one JSON document: what a supporter gets when they ask
// for their data (GDPR art. 15 and 20). Each part comes from the module that owns it.
import type { Deps } from '../../deps.ts';
import { personShares, type PersonShare } from '../articles/index.ts';
import { personBounces, type PersonBounce } from '../bounces/index.ts';
import { personDeliveryAttempts, personMessages, type PersonDeliveryAttempt, type PersonMessage } from '../messages/index.ts';
import { personReminders, type PersonReminder } from '../storms/index.ts';
import { personEvents } from '../tracking/index.ts';
import { selectSubscriptionChanges } from './people.repo.ts';
import { getPerson, type PersonView } from './people.service.ts';

export interface PersonDataExport {
  exported_at: string;
  person: PersonView;
  subscription_history: { status: string; previous_status: string | null; source: string; detail: string | null; changed_at: string }[];
  messages: PersonMessage[];
  delivery_attempts: PersonDeliveryAttempt[];
  events: {
    kind: string; at: string; storm_id: number | null; variant_id: number | null; network: string | null;
    message_id: number | null; url: string | null; visitor: string | null;
  }[];
  bounces: PersonBounce[];
  reminder_requests: PersonReminder[];
  article_shares: PersonShare[];
}

export async function exportPersonData(deps: Pick<Deps, 'db' | 'clock'>, personId: number): Promise<PersonDataExport> {
  const person = await getPerson(deps, personId);
  const [changes, messages, attempts, events, bounces, reminders, shares] = await Promise.all([
    selectSubscriptionChanges(deps.db, personId),
    personMessages(deps, personId),
    personDeliveryAttempts(deps, personId),
    personEvents(deps, personId),
    personBounces(deps, personId),
    personReminders(deps, personId),
    personShares(deps, personId),
  ]);
  return {
    exported_at: deps.clock.now().toISOString(),
    person,
    subscription_history: changes.map((c) => ({ ...c, changed_at: iso(c.changed_at) })),
    messages,
    delivery_attempts: attempts.map((a) => ({ ...a, attempted_at: iso(a.attempted_at) })),
    events: events.map((e) => ({
      kind: e.kind, at: iso(e.created_at), storm_id: e.storm_id, variant_id: e.variant_id, network: e.network,
      message_id: e.message_id, url: e.url, visitor: e.visitor,
    })),
    bounces: bounces.map((b) => ({ ...b, created_at: iso(b.created_at) })),
    reminder_requests: reminders.map((r) => ({ ...r, created_at: iso(r.created_at) })),
    article_shares: shares.map((s) => ({ ...s, created_at: iso(s.created_at) })),
  };
}

const iso = (at: string) => new Date(at).toISOString();
