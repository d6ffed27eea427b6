import { describe, expect, it } from 'vitest';
import { sesReports } from './ses-notification.ts';

// shaped like the examples in the Amazon SES developer guide ("Amazon SNS notification examples")
const mail = {
  timestamp: '2026-11-25T10:12:04.000Z',
  source: 'bounces+TOKENtokenTOKENtoken01@bounce.example.org',
  messageId: '0100018c0a1b2c3d-aaaa-bbbb-cccc-000000000000-000000',
  destination: ['sam@example.org'],
  headersTruncated: false,
  headers: [
    { name: 'From', value: 'Outcry <outcry@example.org>' },
    { name: 'To', value: 'sam@example.org' },
    { name: 'Message-ID', value: '<MSGIDmsgidMSGIDmsgid01@outcry.example.org>' },
    { name: 'List-Unsubscribe', value: '<https://outcry.example.org/u/TOKENtokenTOKENtoken01?s=SIG>' },
    { name: 'Feedback-ID', value: 'message-7:outcry' },
  ],
  commonHeaders: { from: ['Outcry <outcry@example.org>'], to: ['sam@example.org'], messageId: '<MSGIDmsgidMSGIDmsgid01@outcry.example.org>' },
};
const reference = {
  token: 'TOKENtokenTOKENtoken01', messageId: 7, rfcMessageId: '<MSGIDmsgidMSGIDmsgid01@outcry.example.org>', email: 'sam@example.org',
};

describe('Amazon SES notifications', () => {
  it('reads a permanent bounce as hard, per bounced recipient, with what the original headers tell', () => {
    const reports = sesReports('sns-1', JSON.stringify({
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent', bounceSubType: 'General', feedbackId: 'feedback-1',
        bouncedRecipients: [{ emailAddress: 'sam@example.org', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
      },
      mail,
    }));
    expect(reports).toEqual([{
      kind: 'hard', provider: 'ses', eventId: 'feedback-1', recipient: reference,
      detail: 'Permanent General 5.1.1 smtp; 550 5.1.1 user unknown',
    }]);
  });

  it('reads transient and undetermined bounces as soft, and an event-publishing record too', () => {
    const kinds = ['Transient', 'Undetermined'].map((bounceType) => sesReports('sns-2', JSON.stringify({
      eventType: 'Bounce', bounce: { bounceType, bounceSubType: 'MailboxFull', bouncedRecipients: [{ emailAddress: 'sam@example.org' }] }, mail,
    }))[0]!.kind);
    expect(kinds).toEqual(['soft', 'soft']);
  });

  it('reads a complaint', () => {
    const [report] = sesReports('sns-3', JSON.stringify({
      notificationType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'sam@example.org' }], complaintFeedbackType: 'abuse', feedbackId: 'feedback-3' },
      mail,
    }));
    expect(report).toEqual({ kind: 'complaint', provider: 'ses', eventId: 'feedback-3', recipient: reference, detail: 'abuse' });
  });

  it('reads nothing from a delivery notification or a message that is not JSON', () => {
    expect(sesReports('sns-4', JSON.stringify({ notificationType: 'Delivery', delivery: {}, mail }))).toEqual([]);
    expect(sesReports('sns-5', 'Hello')).toEqual([]);
  });
});
