import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bounceKindOf, parseDeliveryStatus } from './dsn.ts';
import { reportParts } from './report-parts.ts';

function deliveryStatusOf(name: string): string {
  const raw = readFileSync(new URL(`../../../test/fixtures/bounces/${name}`, import.meta.url), 'utf8');
  const boundary = /boundary="([^"]+)"/.exec(raw)![1]!;
  return reportParts(raw, boundary).find((p) => p.contentType === 'message/delivery-status')!.body;
}

const status = (recipientFields: string) => `Reporting-MTA: dns; mx.example.net\r\n\r\n${recipientFields}\r\n`;

describe('delivery status notifications (RFC 3464)', () => {
  it('reads a Postfix "user unknown" report as a hard bounce of the final recipient', () => {
    const [recipient, ...more] = parseDeliveryStatus(deliveryStatusOf('postfix-user-unknown.eml'));
    expect(more).toEqual([]);
    expect(recipient).toEqual({
      finalRecipient: 'sam@example.org', originalRecipient: 'sam@example.org', action: 'failed', status: '5.1.1',
      diagnosticCode: 'smtp; 550 5.1.1 <sam@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    });
    expect(bounceKindOf(recipient!)).toBe('hard');
  });

  it('reads a delay warning as a soft bounce', () => {
    const [recipient] = parseDeliveryStatus(deliveryStatusOf('sendmail-delayed.eml'));
    expect(recipient).toMatchObject({ finalRecipient: 'sam@example.org', action: 'delayed', status: '4.4.1' });
    expect(bounceKindOf(recipient!)).toBe('soft');
  });

  it('reads a failure with a 4.x.x status (given up after retries) as soft', () => {
    const [r] = parseDeliveryStatus(status('Final-Recipient: rfc822;full@example.org\r\nAction: failed\r\nStatus: 4.2.2 (mailbox full)'));
    expect(r!.status).toBe('4.2.2');
    expect(bounceKindOf(r!)).toBe('soft');
  });

  it('falls back to the SMTP reply in the diagnostic when the status is missing', () => {
    const [r] = parseDeliveryStatus(status('Final-Recipient: rfc822; x@example.org\r\nAction: failed\r\nDiagnostic-Code: smtp; 452 Too many recipients'));
    expect(bounceKindOf(r!)).toBe('soft');
  });

  it('sees no bounce in delivered, relayed and expanded reports', () => {
    for (const action of ['delivered', 'relayed', 'expanded']) {
      const [r] = parseDeliveryStatus(status(`Final-Recipient: rfc822; ok@example.org\r\nAction: ${action}\r\nStatus: 2.0.0`));
      expect(bounceKindOf(r!)).toBeUndefined();
    }
  });

  it('reports each recipient of a report that names several', () => {
    const text = status('Final-Recipient: rfc822; a@example.org\r\nAction: failed\r\nStatus: 5.2.1\r\n\r\nFinal-Recipient: rfc822; b@example.org\r\nAction: delayed\r\nStatus: 4.4.7');
    expect(parseDeliveryStatus(text).map((r) => [r.finalRecipient, bounceKindOf(r)])).toEqual([['a@example.org', 'hard'], ['b@example.org', 'soft']]);
  });
});
