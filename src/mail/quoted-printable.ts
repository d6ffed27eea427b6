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

export function quotedPrintablePiece(text: string): Buffer {
  const src = Buffer.from(text, 'utf8');
  // worst case: every byte as =XX, and a soft break per 25 of those
  const out = Buffer.allocUnsafe(src.length * 3 + Math.ceil(src.length / 24) * 3 + 3);
  let o = 0;
  let col = 0;
  const softBreak = () => {
    out[o++] = EQUALS;
    out[o++] = CR;
    out[o++] = LF;
    col = 0;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === CR || c === LF) {
      // CRLF, LF or a lone CR: one line break; a CR that ends a piece is dropped, for it may be the first
      // half of a CRLF whose LF starts the next piece (a merge value ending in CR, from a CRLF file)
      if (c === CR && i + 1 === src.length) break;
      if (c === CR && src[i + 1] === LF) i++;
      out[o++] = CR;
      out[o++] = LF;
      col = 0;
      continue;
    }
    const next = src[i + 1];
    const endsLine = next === undefined || next === CR || next === LF;
    let literal = (c >= 0x21 && c <= 0x7e && c !== EQUALS) || ((c === 0x20 || c === 0x09) && !endsLine);
    if (col + (literal ? 1 : 3) > MAX_LINE - 1) softBreak();
    if (c === 0x2e && col === 0) literal = false;
    if (literal) {
      out[o++] = c;
      col++;
    } else {
      out[o++] = EQUALS;
      out[o++] = HEX[c >> 4]!;
      out[o++] = HEX[c & 15]!;
      col += 3;
    }
  }
  if (col > 0) softBreak();
  return out.subarray(0, o);
}

/** Is quoted-printable the smaller encoding for this text? Not when much of it is outside ASCII (Uyghur, Chinese). */
export function suitsQuotedPrintable(text: string): boolean {
  let wide = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) wide++;
  // a character outside ASCII takes two or three bytes, each written as =XX: base64 wins past about one in eight
  return wide * 8 <= text.length;
}
