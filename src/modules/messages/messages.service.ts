// Reading messages as the API shows them (OSDI's field names where OSDI has them).
import type { Deps } from '../../deps.ts';
import type { Message, MessageKind, MessageStatus } from '../../db/schema.ts';
import { notFound } from '../../http/problem.ts';
import { abTestView, type AbTestView } from './ab-test-view.ts';
import { findMessageById, selectMessages } from './messages.repo.ts';
import { messageStatistics, type MessageStatistics } from './statistics.service.ts';
import { selectMessageTranslations, type MessageTranslation } from './translations.repo.ts';

export interface MessageSummary {
  id: number;
  /** blast: an organiser's; reminder: a storm's reminder wave (one message per language). */
  kind: MessageKind;
  subject: string;
  from: string;
  language: string;
  targets: { tags: string[] };
  status: MessageStatus;
  scheduled_at: string | null;
  /** The IANA zone the schedule was written in, to show scheduled_at as written. */
  timezone: string | null;
  sent_start_date: string | null;
  sent_end_date: string | null;
  total_targeted: number;
  created_date: string;
  modified_date: string;
}

export interface MessageView extends MessageSummary {
  body: string;
  track_opens: boolean;
  ab_test: AbTestView | null;
  translations: MessageTranslation[];
  statistics: MessageStatistics;
}

export async function getMessageRow(deps: Pick<Deps, 'db'>, id: number): Promise<Message> {
  const message = await findMessageById(deps.db, id);
  if (!message) throw notFound('Message');
  return message;
}

export async function getMessage(deps: Pick<Deps, 'db' | 'config'>, id: number): Promise<MessageView> {
  const message = await getMessageRow(deps, id);
  return {
    ...summarise(deps, message), body: message.body, track_opens: Boolean(message.track_opens), ab_test: abTestView(message),
    translations: await selectMessageTranslations(deps.db, id),
    statistics: await messageStatistics(deps, id, message),
  };
}

export async function listMessages(deps: Pick<Deps, 'db' | 'config'>, page: { limit?: number; before?: number } = {}): Promise<MessageSummary[]> {
  const rows = await selectMessages(deps.db, page.limit ?? 50, page.before);
  return rows.map((m) => summarise(deps, m));
}

/** The sender a message goes out as: its own, or the installation's default. */
export function senderOf(deps: Pick<Deps, 'config'>, message: Pick<Message, 'from_address'>): string {
  return message.from_address ?? deps.config.mailFrom;
}

function summarise(deps: Pick<Deps, 'config'>, m: Message): MessageSummary {
  return {
    id: m.id,
    kind: m.kind,
    subject: m.subject,
    from: senderOf(deps, m),
    language: m.language,
    targets: { tags: JSON.parse(m.target_tags) as string[] },
    status: m.status,
    scheduled_at: m.scheduled_at,
    timezone: m.timezone,
    sent_start_date: m.started_at,
    sent_end_date: m.finished_at,
    total_targeted: m.recipients_total,
    created_date: m.created_at,
    modified_date: m.updated_at,
  };
}
