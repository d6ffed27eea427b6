// A block of "Name: value" lines as mail headers and delivery-status fields are written (RFC 5322
// folding undone); names are lower-cased, and a name that repeats keeps every value.
export type HeaderBlock = Map<string, string[]>;

export function parseHeaderBlock(text: string): HeaderBlock {
  const block: HeaderBlock = new Map();
  for (const line of text.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    block.set(name, [...(block.get(name) ?? []), value]);
  }
  return block;
}

/** The blocks of a text split by blank lines (a delivery-status report: one per message, one per recipient). */
export function parseHeaderBlocks(text: string): HeaderBlock[] {
  return text.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/).map(parseHeaderBlock).filter((b) => b.size > 0);
}

export function firstOf(block: HeaderBlock, name: string): string | undefined {
  return block.get(name)?.[0];
}

/** The header part of a whole message (everything before its first blank line). */
export function headersOfMessage(raw: string): string {
  const end = /\r?\n\r?\n/.exec(raw);
  return end ? raw.slice(0, end.index) : raw;
}
