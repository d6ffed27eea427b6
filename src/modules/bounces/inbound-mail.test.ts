import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportsFromMail } from './inbound-mail.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/bounces/${name}`, import.meta.url));
const domain = 'bounce.example.org';
const verp = 'bounces+TOKENtokenTOKENtoken01@bounce.example.org';

describe('mail to the bounce domain', () => {
  it('reads a DSN that came back to the VERP address as a hard bounce naming the token, the address and the original mail', async () => {
    expect(await reportsFromMail(fixture('postfix-user-unknown.eml'), { rcptTo: [verp] }, domain)).toEqual([{
      kind: 'hard',
      provider: 'smtp',
      eventId: '20261125101207.4XyZ1m2n3pz9sWq@mx1.example.net',
      recipient: {
        token: 'TOKENtokenTOKENtoken01', email: 'sam@example.org', messageId: 7,
        rfcMessageId: '<MSGIDmsgidMSGIDmsgid01@outcry.example.org>', byAddressAlone: false,
      },
      detail: '5.1.1 smtp; 550 5.1.1 <sam@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    }]);
  });

  it('reads a delay warning as a soft bounce, the original mail quoted whole', async () => {
    const [report] = await reportsFromMail(fixture('sendmail-delayed.eml'), { rcptTo: [verp] }, domain);
    expect(report).toMatchObject({ kind: 'soft', detail: '4.4.1', recipient: { token: 'TOKENtokenTOKENtoken01', messageId: 7 } });
  });

  it('finds the recipient of an abuse report with a redacted address through the unsubscribe link it quotes', async () => {
    const reports = await reportsFromMail(fixture('arf-abuse-redacted.eml'), { rcptTo: ['fbl@bounce.example.org'] }, domain);
    expect(reports).toEqual([{
      kind: 'complaint', provider: 'smtp', eventId: 'fbl.20261126080311.77321@mailbox.example.net',
      recipient: {
        token: 'TOKENtokenTOKENtoken01', messageId: 7, rfcMessageId: '<MSGIDmsgidMSGIDmsgid01@outcry.example.org>',
        email: 'redacted@mailbox.example.net', byAddressAlone: false,
      },
      detail: 'abuse SomeGenerator/1.0',
    }]);
  });

  it('finds the token in the To header when the envelope does not carry it', async () => {
    const [report] = await reportsFromMail(fixture('postfix-user-unknown.eml').toString().replace(/\/u\/TOKEN\w+/, '/u/x'), { rcptTo: ['other@bounce.example.org'] }, domain);
    expect(report!.recipient.token).toBe('TOKENtokenTOKENtoken01');
  });

  it('reads nothing from a mail that is no report (an auto-reply)', async () => {
    const reply = 'From: sam@example.org\r\nTo: bounces+TOKENtokenTOKENtoken01@bounce.example.org\r\nSubject: Out of office\r\n\r\nBack on Monday.\r\n';
    expect(await reportsFromMail(reply, { rcptTo: [verp] }, domain)).toEqual([]);
  });
});
