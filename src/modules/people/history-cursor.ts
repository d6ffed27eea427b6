// Where a page of a person's timeline ends, handed to the client as an opaque `next_before`: the last item's
// time, the source it came from and its id there, so the next page goes on after exactly that item even
// when many share its time.
import { badRequest } from '../../http/problem.ts';

/** The parts of the timeline; at one time, items go in this order, then by id, newest (highest) first. */
export const HISTORY_SOURCES = ['status', 'message', 'event', 'bounce', 'reminder'] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

export interface HistoryKey {
  at: string;
  source: HistorySource;
  id: number;
}

/** Negative when `a` comes first in the timeline (newest first). */
export function compareKeys(a: HistoryKey, b: HistoryKey): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.source !== b.source) return HISTORY_SOURCES.indexOf(a.source) - HISTORY_SOURCES.indexOf(b.source);
  return b.id - a.id;
}

export function encodeCursor(key: HistoryKey): string {
  return Buffer.from(JSON.stringify([key.at, key.source, key.id])).toString('base64url');
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A `before` from the client: a `next_before`, or a plain ISO time (everything older than it) — the
 * timeline's first pages were cut by time, and a time stays a fair place to start reading from.
 */
export function decodeCursor(before: string): HistoryKey {
  if (ISO_TIME.test(before) && !Number.isNaN(Date.parse(before))) {
    // after every item at that time: the last source's, below any id
    return { at: new Date(before).toISOString(), source: HISTORY_SOURCES.at(-1)!, id: 0 };
  }
  const key = parse(before);
  if (!key) {
    throw badRequest('The `before` is not a place in this timeline', undefined, [
      { name: 'before', reason: 'must be the `next_before` of a previous page, or an ISO 8601 time' },
    ]);
  }
  return key;
}

function parse(text: string): HistoryKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [at, source, id] = value as unknown[];
  if (typeof at !== 'string' || !ISO_TIME.test(at) || Number.isNaN(Date.parse(at))) return undefined;
  if (!HISTORY_SOURCES.includes(source as HistorySource)) return undefined;
  if (!Number.isSafeInteger(id) || (id as number) < 1) return undefined;
  return { at: new Date(at).toISOString(), source: source as HistorySource, id: id as number };
}
