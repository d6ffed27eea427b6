// Amazon SES bounce and complaint notifications (the Message of an SNS notification, as JSON): a
// Permanent bounce is hard, Transient and Undetermined ones soft; a complaint is a complaint.
// Both the notification format (notificationType) and event publishing (eventType) are read.
import type { BounceReport } from './bounce-report.ts';
import { headerLookupOf, referencesInHeaders } from './original-headers.ts';

type Json = Record<string, any>;

export function sesReports(snsMessageId: string, messageText: string): BounceReport[] {
  let notification: Json;
  try {
    notification = JSON.parse(messageText) as Json;
  } catch {
    return [];
  }
  if (typeof notification !== 'object' || notification === null) return [];
  const type = notification.notificationType ?? notification.eventType;
  const mail: Json = notification.mail ?? {};
  const original = referencesInHeaders(headerLookupOf(mail.headers));
  const rfcMessageId = typeof mail.commonHeaders?.messageId === 'string' ? mail.commonHeaders.messageId : original.rfcMessageId;
  const reference = { ...original, ...(rfcMessageId ? { rfcMessageId } : {}) };

  if (type === 'Bounce' && notification.bounce) {
    const bounce: Json = notification.bounce;
    const kind = bounce.bounceType === 'Permanent' ? 'hard' : 'soft';
    return recipientsOf(bounce.bouncedRecipients).map((r) => ({
      kind, provider: 'ses', eventId: String(bounce.feedbackId ?? snsMessageId),
      recipient: { ...reference, email: r.emailAddress },
      detail: [bounce.bounceType, bounce.bounceSubType, r.status, r.diagnosticCode].filter((s) => typeof s === 'string').join(' '),
    }));
  }
  if (type === 'Complaint' && notification.complaint) {
    const complaint: Json = notification.complaint;
    return recipientsOf(complaint.complainedRecipients).map((r) => ({
      kind: 'complaint', provider: 'ses', eventId: String(complaint.feedbackId ?? snsMessageId),
      recipient: { ...reference, email: r.emailAddress },
      detail: typeof complaint.complaintFeedbackType === 'string' ? complaint.complaintFeedbackType : 'complaint',
    }));
  }
  return [];
}

function recipientsOf(list: unknown): { emailAddress: string; status?: string; diagnosticCode?: string }[] {
  return Array.isArray(list) ? list.filter((r) => typeof r?.emailAddress === 'string') : [];
}
