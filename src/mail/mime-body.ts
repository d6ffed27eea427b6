// The body of every message: multipart/alternative, a plain-text part and an HTML part, as a list of
// buffers written one after the other. A part whose fixed text is known before the recipients (a send's
// template) is compiled once: its pieces are encoded once, as quoted-printable, and per recipient only
// the values between them are, so a mail of a large send costs a few small encodings and no copy of the
// whole text. Text mostly outside ASCII is smaller in base64, which needs the whole text at once.
import { quotedPrintablePiece, suitsQuotedPrintable } from './quoted-printable.ts';

/** From the Content-Type header of the body to the closing boundary, ready to follow the message's headers. */
export type MimeBody = readonly Buffer[];

export type PartKind = 'plain' | 'html';

/** A part's fixed pieces, to be joined with values between them (pieces.length === values.length + 1). */
export interface PartTemplate {
  render(values: readonly string[]): Buffer[];
}

// "=_" can occur neither in base64 nor in quoted-printable output, so one boundary serves every message
const BOUNDARY = '=_outcry_part_boundary';
const CRLF = '\r\n';
const OPENING = Buffer.from(`Content-Type: multipart/alternative; boundary="${BOUNDARY}"${CRLF}${CRLF}`);
const CLOSING = Buffer.from(`${CRLF}--${BOUNDARY}--${CRLF}`);
const partHead = (kind: PartKind, encoding: string, first: boolean) =>
  Buffer.from(`${first ? '' : CRLF}--${BOUNDARY}${CRLF}Content-Type: text/${kind}; charset=utf-8${CRLF}Content-Transfer-Encoding: ${encoding}${CRLF}${CRLF}`);
const HEADS = {
  plain: { base64: partHead('plain', 'base64', true), qp: partHead('plain', 'quoted-printable', true) },
  html: { base64: partHead('html', 'base64', false), qp: partHead('html', 'quoted-printable', false) },
};

/** The body for text and HTML known whole (a one-off mail, or a template only LiquidJS can render). */
export function alternativeBody(text: string, html: string): MimeBody {
  return multipartBody(wholePart('plain', text), wholePart('html', html));
}

/** The body from its two encoded parts (each from wholePart or a PartTemplate, in that order: plain, html). */
export function multipartBody(plain: readonly Buffer[], html: readonly Buffer[]): MimeBody {
  return [OPENING, ...plain, ...html, CLOSING];
}

export function compilePart(kind: PartKind, pieces: readonly string[]): PartTemplate {
  if (!suitsQuotedPrintable(pieces.join(''))) return { render: (values) => wholePart(kind, join(pieces, values)) };
  const head = HEADS[kind].qp;
  const encoded = pieces.map(quotedPrintablePiece);
  const holes = pieces.slice(1).map(() => new HoleCache());
  return {
    render(values) {
      const out: Buffer[] = [head, encoded[0]!];
      for (let i = 0; i < values.length; i++) {
        if (values[i]) out.push(holes[i]!.encode(values[i]!));
        out.push(encoded[i + 1]!);
      }
      return out;
    },
  };
}

/**
 * A hole that prints one of a few values (the footer's words in each language, the organisation's name)
 * keeps their encodings; one whose values keep changing (names, links) stops keeping them.
 */
class HoleCache {
  static readonly MAX = 32;
  #seen: Map<string, Buffer> | undefined = new Map();

  encode(value: string): Buffer {
    const seen = this.#seen;
    if (!seen) return quotedPrintablePiece(value);
    let buffer = seen.get(value);
    if (buffer) return buffer;
    buffer = quotedPrintablePiece(value);
    if (seen.size < HoleCache.MAX) seen.set(value, buffer);
    else this.#seen = undefined;
    return buffer;
  }
}

export function wholePart(kind: PartKind, text: string): Buffer[] {
  if (suitsQuotedPrintable(text)) return [HEADS[kind].qp, quotedPrintablePiece(text)];
  return [HEADS[kind].base64, base64Lines(text)];
}

function join(pieces: readonly string[], values: readonly string[]): string {
  let out = pieces[0]!;
  for (let i = 0; i < values.length; i++) out += values[i]! + pieces[i + 1]!;
  return out;
}

function base64Lines(text: string): Buffer {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  const out: string[] = [];
  for (let i = 0; i < b64.length; i += 76) out.push(b64.slice(i, i + 76));
  out.push('');
  return Buffer.from(out.join(CRLF), 'latin1');
}
