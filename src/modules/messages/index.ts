// Messages: email blasts — compose, audience, the send loop, tracked links, unsubscribe, statistics.
// Organisers compose through /api/v1/messages; the worker sends; supporters meet /l/ and /u/ links.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { registerMessageApiRoutes } from './messages.routes.ts';
import { registerPublicMessageRoutes } from './public.routes.ts';
import { findRecipientByToken } from './recipients.repo.ts';

export { createMessage, type MessageInput } from './compose.service.ts';
export { getMessage, listMessages, type MessageSummary, type MessageView } from './messages.service.ts';
export { startSend, pauseSend, resumeSend, cancelSend, type SendState } from './send-control.service.ts';
export { previewMessage, sendTestCopy, type Preview } from './test-copy.service.ts';
export { messageStatistics, type MessageStatistics } from './statistics.service.ts';
export { countInvitationsSent } from './invitations-sent.service.ts';
export { registerMessageJobs, tickMessages } from './message-jobs.ts';
export { markShuttingDown as stopSendsAfterTheirBatch } from './shutdown.ts';
export { openKeyedMessage, addKeyedRecipients, startKeyedMessage, type KeyedMessageInput, type KeyedRecipient } from './keyed-message.service.ts';
export { findInvitationMessages, listInvitedBatch, type InvitedRecipient } from './invited-recipients.service.ts';
export { findReportedRecipient, recordRecipientBounce, type RecipientReference, type ReportedRecipient } from './bounce-report.service.ts';
export { personMessages, personDeliveryAttempts, erasePersonMessages, type PersonMessage, type PersonDeliveryAttempt } from './person-messages.repo.ts';

export function registerMessageRoutes(app: FastifyInstance, deps: Deps): void {
  registerMessageApiRoutes(app, deps);
  registerPublicMessageRoutes(app, deps);
}

/** Who a recipient token (from a personal link in an email) stands for, or undefined. */
/** The recipient a personal link's token names, with their language (from their merge values) for the pages it opens. */
export async function findRecipient(deps: Pick<Deps, 'db'>, token: unknown) {
  if (!isTokenShaped(token)) return undefined;
  const row = await findRecipientByToken(deps.db, token);
  if (!row) return undefined;
  const { vars, ...recipient } = row;
  const language = (JSON.parse(vars) as Record<string, unknown>).language;
  return { ...recipient, language: typeof language === 'string' ? language : null };
}
