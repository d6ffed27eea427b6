// Everyone a page's invitations reached: the recipients the relay accepted of an organiser's messages
// whose body links to the page (a storm's action page). A storm's reminder wave may go to them too.
import type { Deps } from '../../deps.ts';
import { selectBlastsContaining, selectSentRecipientsAfter } from './invited-recipients.repo.ts';

export interface InvitedRecipient {
  /** Pages on from here (`afterId`). */
  recipientId: number;
  personId: number;
  email: string;
  /** The person's language when they were invited, from their merge values. */
  language: string | null;
}

/** The messages linking to `pageUrl`: the URL alone or with a query, never a longer path (/s/closing is not /s/closing-ceremony). */
export async function findInvitationMessages(deps: Pick<Deps, 'db'>, pageUrl: string): Promise<number[]> {
  const escaped = pageUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const link = new RegExp(`${escaped}(?![\\w/-])`);
  return (await selectBlastsContaining(deps.db, pageUrl)).filter((m) => link.test(m.body)).map((m) => m.id);
}

/** The next `limit` recipients of those messages who got them, after `afterId`; a person invited twice comes twice. */
export async function listInvitedBatch(deps: Pick<Deps, 'db'>, messageIds: number[], afterId: number, limit: number): Promise<InvitedRecipient[]> {
  const rows = await selectSentRecipientsAfter(deps.db, messageIds, afterId, limit);
  return rows.map((r) => {
    const language = (JSON.parse(r.vars) as Record<string, unknown>).language;
    return { recipientId: r.id, personId: r.person_id, email: r.email, language: typeof language === 'string' ? language : null };
  });
}
