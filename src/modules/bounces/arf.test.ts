import { describe, expect, it } from 'vitest';
import { isComplaint, parseFeedbackReport } from './arf.ts';

// the machine-readable part of RFC 5965 appendix B.2
const rfc5965 = [
  'Feedback-Type: abuse',
  'User-Agent: SomeGenerator/1.0',
  'Version: 1',
  'Original-Mail-From: <somespammer@example.net>',
  'Original-Rcpt-To: <user@example.com>',
  'Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT',
  'Reporting-MTA: dns; mail.example.com',
  'Source-IP: 192.0.2.1',
  'Authentication-Results: mail.example.com;',
  '               spf=fail smtp.mail=somespammer@example.com',
  'Reported-Domain: example.net',
  'Reported-Uri: http://example.net/earn_money.html',
  'Reported-Uri: mailto:user@example.com',
  'Removal-Recipient: user@example.com',
].join('\r\n');

describe('abuse reports (ARF, RFC 5965)', () => {
  it('reads the feedback type and the original recipient of the RFC example', () => {
    const report = parseFeedbackReport(rfc5965)!;
    expect(report).toEqual({ feedbackType: 'abuse', originalRcptTo: 'user@example.com', userAgent: 'SomeGenerator/1.0' });
    expect(isComplaint(report)).toBe(true);
  });

  it('counts abuse and fraud as complaints, and not-spam, virus or auth-failure reports not', () => {
    const kind = (type: string) => isComplaint(parseFeedbackReport(`Feedback-Type: ${type}\r\nVersion: 1\r\n`)!);
    expect([kind('abuse'), kind('Fraud'), kind('not-spam'), kind('virus'), kind('auth-failure'), kind('other')])
      .toEqual([true, true, false, false, false, false]);
  });

  it('leaves the recipient unknown when the provider redacted it', () => {
    expect(parseFeedbackReport('Feedback-Type: abuse\r\nOriginal-Rcpt-To: redacted\r\n')!.originalRcptTo).toBeUndefined();
  });

  it('is no report without a feedback type', () => {
    expect(parseFeedbackReport('Version: 1\r\n')).toBeUndefined();
  });
});
