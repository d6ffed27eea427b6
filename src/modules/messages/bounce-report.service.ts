// Which recipient of which message a bounce or complaint report is about, for the bounces module: by the
// recipient token (VERP return path, List-Unsubscribe URL), by our Message-ID, or by the address alone.
import type { Deps } from '../../deps.ts';
import { isTokenShaped, sign } from '../../lib/tokens.ts';
import { markRecipientBounced, selectRecentRecipientsByEmail } from './bounce-report.repo.ts';
import { findRecipientByToken } from './recipients.repo.ts';

type ReportDeps = Pick<Deps, 'db' | 'secret'>;

export interface RecipientReference {
  /** The recipient token, from a VERP return path or the List-Unsubscribe URL of the original mail. */
  token?: string | undefined;
  /** The address the mail went to. */
  email?: string | undefined;
  /** The Message-ID header of the original mail, with or without angle brackets. */
  rfcMessageId?: string | undefined;
  /** Our message id, from the Feedback-ID header of the original mail. */
  messageId?: number | undefined;
  /**
   * May the address alone name the recipient? Yes for reports whose sender proved who it is (a signed
   * webhook); no for mail anyone can send, which must carry the token or our Message-ID. Default true.
   */
  byAddressAlone?: boolean | undefined;
}

export interface ReportedRecipient {
  personId: number;
  messageId: number;
  email: string;
  /** token and message-id cannot be guessed; an address can. */
  matchedBy: 'token' | 'message-id' | 'address';
}

const CANDIDATES = 50;

export async function findReportedRecipient(deps: ReportDeps, ref: RecipientReference): Promise<ReportedRecipient | undefined> {
  return (await findRow(deps, ref))?.recipient;
}

/** Marks the recipient's mail bounced (it counts in the message's statistics) and says whose it was. */
export async function recordRecipientBounce(deps: ReportDeps, ref: RecipientReference): Promise<ReportedRecipient | undefined> {
  const found = await findRow(deps, ref);
  if (found) await markRecipientBounced(deps.db, found.id);
  return found?.recipient;
}

async function findRow(deps: ReportDeps, ref: RecipientReference) {
  if (isTokenShaped(ref.token)) {
    const row = await findRecipientByToken(deps.db, ref.token);
    if (row) return { id: row.id, recipient: recipientOf(row, 'token') };
  }
  const email = ref.email?.trim().toLowerCase();
  if (!email) return undefined;
  const rows = await selectRecentRecipientsByEmail(deps.db, email, CANDIDATES);
  const localPart = ref.rfcMessageId?.trim().replace(/^<|>$/g, '').split('@')[0];
  // our Message-ID is a signature of the token (outgoing-mail.ts), so it is checked against each candidate
  const byMessageId = localPart ? rows.find((r) => sign(deps.secret, 'message-id', r.token) === localPart) : undefined;
  if (byMessageId) return { id: byMessageId.id, recipient: recipientOf(byMessageId, 'message-id') };
  if (ref.byAddressAlone === false) return undefined;
  const sent = rows.filter((r) => r.status === 'sent');
  const row = sent.find((r) => r.message_id === ref.messageId) ?? sent[0];
  return row && { id: row.id, recipient: recipientOf(row, 'address') };
}

function recipientOf(row: { message_id: number; person_id: number; email: string }, matchedBy: ReportedRecipient['matchedBy']): ReportedRecipient {
  return { personId: row.person_id, messageId: row.message_id, email: row.email, matchedBy };
}
