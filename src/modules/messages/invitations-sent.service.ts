// The top of a storm's funnel (email → page → post): how many invitations to its page were delivered.
import type { Deps } from '../../deps.ts';
import { countSentRecipients } from './invitations-sent.repo.ts';
import { findInvitationMessages } from './invited-recipients.service.ts';

/** Recipients delivered an organiser's message that links to `pageUrl` (see findInvitationMessages). */
export async function countInvitationsSent(deps: Pick<Deps, 'db'>, pageUrl: string): Promise<number> {
  return countSentRecipients(deps.db, await findInvitationMessages(deps, pageUrl));
}
