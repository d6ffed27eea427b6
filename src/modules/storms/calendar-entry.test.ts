import { describe, expect, it } from 'vitest';
import { calendarEntry, escapeText, foldLine, utcDateTime } from './calendar-entry.ts';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('calendar entry', () => {
  it('escapes backslash, semicolon, comma and line breaks in text, and drops other control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg\u0007h\ti')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng' + 'h\ti');
  });

  it('writes instants in UTC without fractions', () => {
    expect(utcDateTime('2030-02-20T18:00:00+06:00')).toBe('20300220T120000Z');
    expect(utcDateTime('2030-02-20T12:00:00.000Z')).toBe('20300220T120000Z');
  });

  it('folds at 75 octets, never inside a character, and unfolds to the same line', () => {
    const line = `SUMMARY:${'ئۇيغۇرلار ئۈچۈن 中文标题 👍🏽 '.repeat(8)}`;
    const folded = foldLine(line);
    const pieces = folded.split('\r\n');
    expect(pieces.length).toBeGreaterThan(3);
    for (const [i, piece] of pieces.entries()) {
      expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(75);
      if (i > 0) expect(piece.startsWith(' ')).toBe(true);
      // a split UTF-8 sequence would not survive the round trip through bytes
      expect(Buffer.from(piece, 'utf8').toString('utf8')).toBe(piece);
      expect(piece).not.toMatch(/\uFFFD/);
    }
    expect(unfold(folded)).toBe(line);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });

  it('ends every line with CRLF and keeps a URI unescaped', () => {
    const text = calendarEntry({
      uid: 'storm-1@example.org', stamp: new Date('2030-01-01T00:00:00Z'), start: '2030-02-20T12:00:00Z', end: '2030-02-20T14:00:00Z',
      lastModified: '2030-01-01T00:00:00Z', summary: 'A, b; c', description: 'Go', url: 'https://example.org/s/a?x=1,2;3',
      summaryLanguage: 'en', language: 'en', timezone: 'Asia/Urumqi', alarm: 'Soon',
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(unfold(text)).toContain('\r\nURL;VALUE=URI:https://example.org/s/a?x=1,2;3\r\n');
    expect(unfold(text)).toContain('\r\nSUMMARY;LANGUAGE=en:A\\, b\\; c\r\n');
  });
});
