// What the headers of the mail that bounced (or was reported) tell about its recipient: every mail we send
// carries the recipient token in its List-Unsubscribe URL, a Message-ID signed from that token and a
// Feedback-ID naming the message (outgoing-mail.ts).
import { isTokenShaped } from '../../lib/tokens.ts';
import type { RecipientReference } from '../messages/index.ts';

/** Reads a header of the original mail by (case-insensitive) name. */
export type HeaderLookup = (name: string) => string | undefined;

export function referencesInHeaders(header: HeaderLookup): RecipientReference {
  const unsubscribe = /\/u\/([A-Za-z0-9_-]+)(?:[?>#\s]|$)/.exec(header('list-unsubscribe') ?? '')?.[1];
  const feedback = /^message-(\d+):outcry$/.exec((header('feedback-id') ?? '').trim())?.[1];
  const to = /<([^>]+)>/.exec(header('to') ?? '')?.[1] ?? header('to');
  return {
    ...(isTokenShaped(unsubscribe) ? { token: unsubscribe } : {}),
    ...(feedback ? { messageId: Number(feedback) } : {}),
    ...(header('message-id') ? { rfcMessageId: header('message-id')!.trim() } : {}),
    ...(to && to.includes('@') && !to.includes(',') ? { email: to.trim() } : {}),
  };
}

/** A lookup over a list of headers as providers send them in JSON ([{name, value}] or {name: value}). */
export function headerLookupOf(headers: unknown): HeaderLookup {
  const pairs: [string, string][] = Array.isArray(headers)
    ? headers.flatMap((h) => (typeof h?.name === 'string' && typeof h?.value === 'string' ? [[h.name, h.value] as [string, string]] : []))
    : typeof headers === 'object' && headers !== null
      ? Object.entries(headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : []))
      : [];
  return (name) => pairs.find(([k]) => k.toLowerCase() === name)?.[1];
}
