// Abuse reports (ARF, RFC 5965): the message/feedback-report part of a multipart/report that a mailbox
// provider's feedback loop sends when someone marks a mail as spam. abuse and fraud are complaints;
// not-spam, virus, auth-failure and other say nothing about the person's wishes.
import { firstOf, parseHeaderBlock } from './header-block.ts';

export interface FeedbackReport {
  feedbackType: string;
  /** Often left out or redacted by the provider; the original headers then identify the recipient. */
  originalRcptTo: string | undefined;
  userAgent: string | undefined;
}

export function parseFeedbackReport(text: string): FeedbackReport | undefined {
  const fields = parseHeaderBlock(text);
  const feedbackType = firstOf(fields, 'feedback-type')?.toLowerCase();
  if (!feedbackType) return undefined;
  const rcpt = firstOf(fields, 'original-rcpt-to')?.replace(/^<|>$/g, '');
  return { feedbackType, originalRcptTo: rcpt?.includes('@') ? rcpt : undefined, userAgent: firstOf(fields, 'user-agent') };
}

export function isComplaint(report: FeedbackReport): boolean {
  return report.feedbackType === 'abuse' || report.feedbackType === 'fraud';
}
