// Slots in a message: {target}, {hashtag} and {link}, filled for each supporter, so a few texts make many
// distinct posts. {{ and }} write a literal brace. The save-time checks and the page read a message through
// the same parser, so what is checked is what is posted.

export const SLOT_NAMES = ['target', 'hashtag', 'link'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/** A message as literal text and the slots between it. */
export type Piece = string | { slot: SlotName };

export type SlotError =
  | { kind: 'unknown-slot'; slot: string }
  | { kind: 'unclosed-brace' }
  | { kind: 'stray-brace' };

export type ParsedMessage = { pieces: Piece[]; slots: ReadonlySet<SlotName> } | { error: SlotError };

const isSlotName = (name: string): name is SlotName => (SLOT_NAMES as readonly string[]).includes(name);

export function parseSlots(text: string): ParsedMessage {
  const pieces: Piece[] = [];
  const slots = new Set<SlotName>();
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      literal += c;
      i++;
      continue;
    }
    if (c === '}') return { error: { kind: 'stray-brace' } };
    if (c !== '{') {
      literal += c;
      continue;
    }
    const end = text.indexOf('}', i + 1);
    const inner = end < 0 ? undefined : text.slice(i + 1, end);
    if (inner === undefined || inner.includes('{') || inner.length > 40) return { error: { kind: 'unclosed-brace' } };
    const name = inner.trim().toLowerCase();
    if (!isSlotName(name)) return { error: { kind: 'unknown-slot', slot: `{${inner}}` } };
    if (literal !== '') pieces.push(literal);
    literal = '';
    pieces.push({ slot: name });
    slots.add(name);
    i = end;
  }
  if (literal !== '') pieces.push(literal);
  return { pieces, slots };
}

const parsed = new Map<string, ParsedMessage>();

/** parseSlots, remembered: the page reads the same few texts thousands of times a minute. */
export function readMessage(text: string): ParsedMessage {
  let hit = parsed.get(text);
  if (!hit) {
    if (parsed.size >= 1_000) parsed.clear();
    parsed.set(text, hit = parseSlots(text));
  }
  return hit;
}

/** The message with each slot replaced; a message that does not parse stands as written. */
export function fillSlots(text: string, fill: Partial<Record<SlotName, string>>): string {
  const message = readMessage(text);
  if ('error' in message) return text;
  return message.pieces.map((p) => (typeof p === 'string' ? p : fill[p.slot] ?? '')).join('');
}

/** What the organiser reads when a message's braces are wrong. */
export function describeSlotError(error: SlotError, messageNumber: number): string {
  switch (error.kind) {
    case 'unknown-slot':
      return `Message ${messageNumber} uses the slot ${error.slot}, which does not exist; the slots are {target}, {hashtag} and {link} (write {{ and }} for a brace)`;
    case 'unclosed-brace':
      return `Message ${messageNumber} has a "{" that opens no slot; write {{ for a brace`;
    case 'stray-brace':
      return `Message ${messageNumber} has a "}" that closes no slot; write }} for a brace`;
  }
}
