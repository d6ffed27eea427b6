import { describe, expect, it } from 'vitest';
import { reportParts } from './report-parts.ts';

describe('the parts of a multipart/report', () => {
  it('splits the top-level parts and keeps a quoted message whole, headers included', () => {
    const raw = [
      'Content-Type: multipart/report; report-type=feedback-report; boundary="b1"', '',
      'preamble', '--b1', 'Content-Type: text/plain', '', 'Human words.',
      '--b1', 'Content-Type: message/feedback-report', '', 'Feedback-Type: abuse',
      '--b1', 'Content-Type: message/rfc822', 'Content-Disposition: inline', '',
      'Message-ID: <m@example.org>', 'Content-Type: multipart/alternative; boundary="b2"', '', '--b2', '', 'x', '--b2--',
      '--b1--', 'epilogue',
    ].join('\r\n');
    const parts = reportParts(raw, 'b1');
    expect(parts.map((p) => p.contentType)).toEqual(['text/plain', 'message/feedback-report', 'message/rfc822']);
    expect(parts[2]!.body).toContain('Message-ID: <m@example.org>');
    expect(parts[2]!.body).toContain('--b2--');
  });

  it('undoes base64 and quoted-printable transfer encodings', () => {
    const raw = [
      '--b', 'Content-Type: message/delivery-status', 'Content-Transfer-Encoding: base64', '',
      Buffer.from('Action: failed\r\n').toString('base64'),
      '--b', 'Content-Type: text/rfc822-headers', 'Content-Transfer-Encoding: quoted-printable', '',
      'List-Unsubscribe: <https://x.example/u/abc?s=3D1>', 'Subject: caf=C3=A9 =', 'au lait',
      '--b--',
    ].join('\n');
    const [status, headers] = reportParts(raw, 'b');
    expect(status!.body).toBe('Action: failed\r\n');
    expect(headers!.body).toBe('List-Unsubscribe: <https://x.example/u/abc?s=1>\r\nSubject: café au lait');
  });
});
