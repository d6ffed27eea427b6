// Quoted-printable (RFC 2045 §6.7) for pieces of a body that are encoded apart and then joined. Every piece
// starts at the beginning of a line and ends at one (after a line break of its own, or a soft one), so the
// fixed text of a message is encoded once per send and only the values between its pieces per recipient.
// A "." that would start a line is written =2E, so the SMTP client never has to dot-stuff such a body.

/** Characters on a line, the "=" of a soft line break included (RFC 2045 allows 76). */
const MAX_LINE = 76;
const HEX = Buffer.from('0123456789ABCDEF');
const CR = 0x0d;
const LF = 0x0a;
const EQUALS = 0x3d;
const DOT = 0x2e;

/** 1: a byte written as it is wherever it stands; 2: space and tab, as they are unless they end a line. */
const KIND = new Uint8Array(256);
for (let c = 0x21; c <= 0x7e; c++) KIND[c] = 1;
KIND[EQUALS] = 0;
KIND[0x20] = 2;
KIND[0x09] = 2;

// Each piece of each mail is encoded here, a few a mail: its text and its encoding are written into buffers
// kept between calls, and only the result is copied out, at its own length (the worst case is three times it).
/** Scratch buffers grown past this are let go after the piece that needed them. */
const KEPT_BYTES = 64 * 1024;
let source = Buffer.allocUnsafe(4096);
let target = Buffer.allocUnsafe(4096);

export function quotedPrintablePiece(text: string): Buffer {
  // a UTF-16 unit is at most three bytes of UTF-8
  if (text.length * 3 > source.length) source = Buffer.allocUnsafe(text.length * 3);
  const src = source;
  const length = src.write(text, 0, 'utf8');
  // worst case: every byte as =XX, and a soft break per 25 of those
  const bound = length * 3 + Math.ceil(length / 24) * 3 + 3;
  if (bound > target.length) target = Buffer.allocUnsafe(bound);
  const out = target;
  let o = 0;
  let col = 0;
  for (let i = 0; i < length; i++) {
    const c = src[i]!;
    if (c === CR || c === LF) {
      // CRLF, LF or a lone CR: one line break; a CR that ends a piece is dropped, for it may be the first
      // half of a CRLF whose LF starts the next piece (a merge value ending in CR, from a CRLF file)
      if (c === CR && i + 1 === length) break;
      if (c === CR && src[i + 1] === LF) i++;
      out[o++] = CR;
      out[o++] = LF;
      col = 0;
      continue;
    }
    const kind = KIND[c]!;
    let literal = kind === 1;
    if (kind === 2) {
      const next = i + 1 < length ? src[i + 1]! : LF;
      literal = next !== CR && next !== LF;
    }
    if (col + (literal ? 1 : 3) > MAX_LINE - 1) {
      out[o++] = EQUALS;
      out[o++] = CR;
      out[o++] = LF;
      col = 0;
    }
    if (literal && (c !== DOT || col !== 0)) {
      out[o++] = c;
      col++;
    } else {
      out[o++] = EQUALS;
      out[o++] = HEX[c >> 4]!;
      out[o++] = HEX[c & 15]!;
      col += 3;
    }
  }
  if (col > 0) {
    out[o++] = EQUALS;
    out[o++] = CR;
    out[o++] = LF;
  }
  const piece = Buffer.allocUnsafe(o);
  out.copy(piece, 0, 0, o);
  // a rare large piece (a long body of a single message) does not keep its buffers for the life of the process
  if (source.length > KEPT_BYTES) source = Buffer.allocUnsafe(4096);
  if (target.length > KEPT_BYTES) target = Buffer.allocUnsafe(4096);
  return piece;
}

/** Is quoted-printable the smaller encoding for this text? Not when much of it is outside ASCII (Uyghur, Chinese). */
export function suitsQuotedPrintable(text: string): boolean {
  let wide = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) wide++;
  // a character outside ASCII takes two or three bytes, each written as =XX: base64 wins past about one in eight
  return wide * 8 <= text.length;
}
