// The top-level parts of a multipart/report, split by hand: a mail parser renders a quoted original
// message (message/rfc822, inline) into the text and drops its headers, which are what identify the
// recipient. RFC 6522 puts the human part first, the machine-readable report second and the original
// message or its headers third, all as direct children of the report.
import { firstOf, parseHeaderBlock, type HeaderBlock } from './header-block.ts';

export interface ReportPart {
  /** Lower-case, without parameters; text/plain when the part names none. */
  contentType: string;
  headers: HeaderBlock;
  /** The content, its transfer encoding undone. */
  body: string;
}

export function reportParts(raw: string, boundary: string): ReportPart[] {
  const lines = raw.split(/\r?\n/);
  const parts: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) break;
    if (trimmed === `--${boundary}`) {
      current = [];
      parts.push(current);
    } else {
      current?.push(line);
    }
  }
  return parts.map((partLines) => {
    const blank = partLines.findIndex((l) => l.trim() === '');
    const headerLines = blank < 0 ? partLines : partLines.slice(0, blank);
    const headers = parseHeaderBlock(headerLines.join('\r\n'));
    const body = blank < 0 ? '' : partLines.slice(blank + 1).join('\r\n');
    const contentType = (firstOf(headers, 'content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
    return { contentType, headers, body: decode(body, firstOf(headers, 'content-transfer-encoding')) };
  });
}

function decode(body: string, encoding: string | undefined): string {
  switch (encoding?.trim().toLowerCase()) {
    case 'base64': return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
    default: return body;
  }
}
