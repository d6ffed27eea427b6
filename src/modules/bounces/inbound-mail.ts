// A mail that arrived at the bounce domain, read as bounce reports: a DSN (multipart/report;
// report-type=delivery-status) or an abuse report (report-type=feedback-report). Anyone can send mail
// here, so a report counts only when it names the recipient in a way only a real bounce can: the VERP
// token it came back to, or the token or our signed Message-ID in the original headers it quotes.
import { simpleParser, type ParsedMail } from 'mailparser';
import { sha256 } from '../../lib/tokens.ts';
import type { RecipientReference } from '../messages/index.ts';
import { isComplaint, parseFeedbackReport } from './arf.ts';
import type { BounceReport } from './bounce-report.ts';
import { bounceKindOf, parseDeliveryStatus } from './dsn.ts';
import { firstOf, headersOfMessage, parseHeaderBlock } from './header-block.ts';
import { referencesInHeaders } from './original-headers.ts';
import { reportParts, type ReportPart } from './report-parts.ts';
import { tokenFromReturnPath } from '../../mail/verp.ts';

export interface InboundEnvelope {
  /** The RCPT TO addresses: a VERP address names the recipient of the mail that bounced. */
  rcptTo: string[];
}

export async function reportsFromMail(raw: Buffer | string, envelope: InboundEnvelope, domain: string): Promise<BounceReport[]> {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  // the parser reads the report's own headers (addresses, encoded words); its parts are split by hand
  const mail = await simpleParser(headersOfMessage(text) + '\r\n\r\n');
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const boundary = contentType?.params?.boundary;
  if (contentType?.value?.toLowerCase() !== 'multipart/report' || !boundary) return [];
  const reportType = contentType.params?.['report-type']?.toLowerCase();
  const parts = reportParts(text, boundary);

  const original = referencesInHeaders((name) => firstOf(originalHeaders(parts), name));
  const verpToken = [...envelope.rcptTo, ...addressesOf(mail.to)].map((a) => tokenFromReturnPath(a, domain)).find(Boolean);
  const reference: RecipientReference = { ...original, ...(verpToken ? { token: verpToken } : {}), byAddressAlone: false };
  const eventId = mail.messageId?.replace(/^<|>$/g, '') ?? sha256(text);

  if (reportType === 'delivery-status') {
    const part = partOf(parts, ['message/delivery-status', 'message/global-delivery-status']);
    if (!part) return [];
    return parseDeliveryStatus(part.body).flatMap((r): BounceReport[] => {
      const kind = bounceKindOf(r);
      const email = r.finalRecipient ?? r.originalRecipient ?? original.email;
      return kind ? [{
        kind, provider: 'smtp', eventId,
        recipient: { ...reference, ...(email ? { email } : {}) },
        detail: [r.status, r.diagnosticCode].filter(Boolean).join(' ') || r.action,
      }] : [];
    });
  }
  if (reportType === 'feedback-report') {
    const part = partOf(parts, ['message/feedback-report']);
    const report = part && parseFeedbackReport(part.body);
    if (!report || !isComplaint(report)) return [];
    const email = report.originalRcptTo ?? original.email;
    return [{
      kind: 'complaint', provider: 'smtp', eventId,
      recipient: { ...reference, ...(email ? { email } : {}) },
      detail: [report.feedbackType, report.userAgent].filter(Boolean).join(' '),
    }];
  }
  return [];
}

function partOf(parts: ReportPart[], types: string[]): ReportPart | undefined {
  return parts.find((p) => types.includes(p.contentType));
}

/** The headers of the original mail the report quotes (text/rfc822-headers, or the whole message/rfc822). */
function originalHeaders(parts: ReportPart[]) {
  const part = partOf(parts, ['text/rfc822-headers', 'message/rfc822', 'message/global-headers', 'message/global']);
  return parseHeaderBlock(part ? headersOfMessage(part.body) : '');
}

function addressesOf(field: ParsedMail['to']): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}
