// A person's timeline, newest first: how their status changed, the messages they were sent (with how each
// delivery went), what they did with them (clicks, opens, unsubscribing), what they did on storm pages
// (posts started and reported), bounce reports and reminder requests. Each part is read through the
// module that owns it; this service only merges them.
import type { Deps } from '../../deps.ts';
import type { PageBefore } from '../../db/page-before.ts';
import { notFound } from '../../http/problem.ts';
import { personBounces } from '../bounces/index.ts';
import { personMessages } from '../messages/index.ts';
import { getStormRow, personReminders } from '../storms/index.ts';
import { personEvents } from '../tracking/index.ts';
import { compareKeys, decodeCursor, encodeCursor, HISTORY_SOURCES, type HistoryKey, type HistorySource } from './history-cursor.ts';
import { findPersonById, selectSubscriptionChanges } from './people.repo.ts';

export interface HistoryItem {
  at: string;
  /** status_changed, message, bounce, reminder_requested, or the event's kind: click, open, unsubscribe, page_view, post_started, post_reported… */
  kind: string;
  status?: string;
  previous_status?: string | null;
  source?: string;
  detail?: string | null;
  message_id?: number | null;
  subject?: string;
  delivery?: { status: string; attempts: number; bounced: boolean; last_reply: string | null; sent_at: string | null };
  storm_id?: number | null;
  storm_title?: string;
  network?: string | null;
  url?: string | null;
  bounce?: { kind: string; provider: string; outcome: string | null };
  language?: string;
}

export interface History {
  items: HistoryItem[];
  /** Pass as `before` for older items (opaque); null when there are none. */
  next_before: string | null;
}

export const MAX_HISTORY_PAGE = 500;

export async function personHistory(
  deps: Pick<Deps, 'db'>, personId: number, query: { before?: string | undefined; limit?: number | undefined } = {},
): Promise<History> {
  if (!(await findPersonById(deps.db, personId))) throw notFound('Person');
  const limit = Math.min(Math.max(query.limit ?? 100, 1), MAX_HISTORY_PAGE);
  const cursor = query.before === undefined ? undefined : decodeCursor(query.before);
  // each paged source gives its newest `limit + 1` after the cursor: the merged page's `limit` are among them
  const page = (source: HistorySource) => ({ before: cursor && boundFor(source, cursor), limit: limit + 1 });
  const [changes, messages, events, bounces, reminders] = await Promise.all([
    selectSubscriptionChanges(deps.db, personId),
    personMessages(deps, personId, page('message')),
    personEvents(deps, personId, page('event')),
    personBounces(deps, personId, page('bounce')),
    personReminders(deps, personId),
  ]);
  const subjects = new Map(messages.map((m) => [m.message_id, m.subject]));
  const titles = await stormTitles(deps, events.map((e) => e.storm_id));

  const keyed: { key: HistoryKey; item: HistoryItem }[] = [
    ...changes.map((c) => ({
      key: { at: iso(c.changed_at), source: 'status' as const, id: c.id },
      item: { at: iso(c.changed_at), kind: 'status_changed', status: c.status, previous_status: c.previous_status, source: c.source, detail: c.detail },
    })),
    ...messages.map((m) => ({
      key: { at: m.at, source: 'message' as const, id: m.recipient_id },
      item: {
        at: m.at, kind: 'message', message_id: m.message_id, subject: m.subject,
        delivery: { status: m.status, attempts: m.attempts, bounced: m.bounced, last_reply: m.last_reply, sent_at: m.sent_at && iso(m.sent_at) },
      },
    })),
    ...events.map((e) => ({
      key: { at: iso(e.created_at), source: 'event' as const, id: e.id },
      item: {
        at: iso(e.created_at), kind: e.kind, message_id: e.message_id,
        ...(e.message_id !== null && subjects.has(e.message_id) ? { subject: subjects.get(e.message_id)! } : {}),
        storm_id: e.storm_id, ...(e.storm_id !== null && titles.has(e.storm_id) ? { storm_title: titles.get(e.storm_id)! } : {}),
        network: e.network, url: e.url,
      },
    })),
    ...bounces.map((b) => ({
      key: { at: iso(b.created_at), source: 'bounce' as const, id: b.id },
      item: {
        at: iso(b.created_at), kind: 'bounce', message_id: b.message_id, detail: b.detail,
        bounce: { kind: b.kind, provider: b.provider, outcome: b.outcome },
      },
    })),
    ...reminders.map((r) => ({
      key: { at: iso(r.created_at), source: 'reminder' as const, id: r.id },
      item: { at: iso(r.created_at), kind: 'reminder_requested', storm_id: r.storm_id, storm_title: r.storm_title, language: r.language },
    })),
  ].filter(({ key }) => cursor === undefined || compareKeys(key, cursor) > 0);

  keyed.sort((a, b) => compareKeys(a.key, b.key));
  const shown = keyed.slice(0, limit);
  return { items: shown.map((k) => k.item), next_before: keyed.length > limit ? encodeCursor(shown.at(-1)!.key) : null };
}

/** Where one source goes on after the cursor; at the cursor's time, a source ahead of it was shown in full, one behind not at all. */
function boundFor(source: HistorySource, cursor: HistoryKey): PageBefore {
  if (source === cursor.source) return { at: cursor.at, id: cursor.id };
  return { at: cursor.at, id: HISTORY_SOURCES.indexOf(source) < HISTORY_SOURCES.indexOf(cursor.source) ? 0 : null };
}

async function stormTitles(deps: Pick<Deps, 'db'>, ids: (number | null)[]): Promise<Map<number, string>> {
  const titles = new Map<number, string>();
  for (const id of new Set(ids)) {
    if (id === null) continue;
    // a storm deleted since leaves its events without a title
    const storm = await getStormRow(deps, id).catch(() => undefined);
    if (storm) titles.set(id, storm.title);
  }
  return titles;
}

const iso = (at: string) => new Date(at).toISOString();
