import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMime } from './mime.ts';
import { alternativeBody, compilePart, multipartBody, wholePart } from './mime-body.ts';
import { quotedPrintablePiece } from './quoted-printable.ts';

const headers = { from: 'Outcry <outcry@example.org>', to: 'john@example.org', subject: 'Hello', messageId: 'id-1@example.org', date: new Date('2026-02-20T12:00:00Z') };
const parse = (body: readonly Buffer[]) => simpleParser(buildMime({ ...headers, body }));
const lines = (body: readonly Buffer[]) => Buffer.concat(body).toString('latin1').split('\r\n');

// pieces and values chosen to hit each rule: long lines, "=" and a leading ".", spaces before a line break,
// tabs, CR/LF in every form, text outside ASCII split across soft breaks, and empty values
const PIECES = [
  `<p style="margin:0;padding:0;font-family:Helvetica,Arial,sans-serif;color:#222">Hi `,
  `,</p>\n.hidden { a=b }  \n\tTab\r\nand a lone\rCR and a long line ${'x'.repeat(200)} end\r\n`,
  `\n. a dot line\nگۈلنار 晓明 — 🙂 `,
  ` `,
  '',
];
const VALUES = ['John', 'https://storm.example.org/l/AbC?u=https%3A%2F%2Fexample.org%2F%3Fa%3D1&s=xyz', '.', ''];
const joined = PIECES[0] + VALUES.map((v, i) => v + PIECES[i + 1]).join('');

describe('a message body encoded in pieces', () => {
  it('reads back exactly as the joined text, whatever the pieces hold', async () => {
    const html = compilePart('html', PIECES).render(VALUES);
    const plain = compilePart('plain', PIECES).render(VALUES);
    const parsed = await parse(multipartBody(plain, html));
    const expected = joined.replace(/\r\n|\r/g, '\n');
    expect(parsed.html).toBe(expected);
    expect(parsed.text).toBe(expected);
  });

  it('keeps every line within 76 characters and never starts one with a dot, so nothing needs dot-stuffing', () => {
    const body = multipartBody(compilePart('plain', PIECES).render(VALUES), compilePart('html', PIECES).render(VALUES));
    for (const line of lines(body)) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line.startsWith('.')).toBe(false);
    }
    expect(Buffer.concat(body).indexOf('\r\n.')).toBe(-1);
  });

  it('reads a line break split between a value and the next piece (a value ending in CR) as one', async () => {
    const plain = compilePart('plain', ['Hi ', '\nBye\n']).render(['Bob\r']);
    expect((await parse(multipartBody(plain, wholePart('html', '<p>x</p>')))).text).toBe('Hi Bob\nBye\n');
  });

  it('encodes a piece to end at the start of a line, with trailing spaces made visible', () => {
    expect(quotedPrintablePiece('a b ').toString('latin1')).toBe('a b=20=\r\n');
    expect(quotedPrintablePiece('x\n').toString('latin1')).toBe('x\r\n');
    expect(quotedPrintablePiece('').toString('latin1')).toBe('');
  });

  it('uses base64 for text mostly outside ASCII, which quoted-printable would triple', async () => {
    const uyghur = 'ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى — يەكشەنبە كۈنى بىز بىلەن بىللە بولۇڭ';
    const part = compilePart('plain', [`${uyghur} `, '']).render(['گۈلنار']);
    expect(part[0]!.toString()).toContain('Content-Transfer-Encoding: base64');
    expect((await parse(multipartBody(part, wholePart('html', '<p>x</p>')))).text).toBe(`${uyghur} گۈلنار`);
  });

  it('gives the same message for text known whole as for the same text in pieces', async () => {
    const whole = await parse(alternativeBody(joined, joined));
    expect(whole.text).toBe(joined.replace(/\r\n|\r/g, '\n'));
    expect(whole.html).toBe(joined.replace(/\r\n|\r/g, '\n'));
  });
});
