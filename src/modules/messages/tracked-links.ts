// Every link in a message goes through our own /l/ redirect with the recipient's token and a signature
// over the destination, so a click is counted without any third party and the redirect cannot be
// pointed anywhere else. The redirect sends a click on to our storm and article pages with the token
// (r=), so the page can attribute (the article page then knows whose share link it gives out).
import type { Deps } from '../../deps.ts';
import { signUrl, verifySignedUrl } from '../tracking/index.ts';

type LinkDeps = Pick<Deps, 'secret' | 'config'>;

export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function isOwnPublicPage(publicUrl: string, url: string): boolean {
  return url.startsWith(`${publicUrl}/s/`) || url.startsWith(`${publicUrl}/a/`);
}

export function withAttribution(publicUrl: string, url: string, token: string): string {
  if (!isOwnPublicPage(publicUrl, url)) return url;
  const u = new URL(url);
  u.searchParams.set('r', token);
  return u.toString();
}

/** The destination as the organiser wrote it: what statistics count clicks by. */
export function withoutAttribution(publicUrl: string, url: string): string {
  if (!isOwnPublicPage(publicUrl, url)) return url;
  const u = new URL(url);
  if (!u.searchParams.has('r')) return url;
  u.searchParams.delete('r');
  return u.toString();
}

export function trackedLinkUrl(deps: LinkDeps, messageId: number, token: string, destination: string): string {
  const { before, after } = trackedLinkPieces(deps, messageId, destination);
  return before + token + after;
}

/**
 * A tracked link cut where the recipient's token goes: the same two pieces for every recipient, so a send
 * signs each of its links once, not once per mail. The signature covers the message and the destination as
 * the organiser wrote it; the redirect adds the token to our own pages' addresses itself (followTrackedLink),
 * and counts a click only for a recipient of that message.
 */
export function trackedLinkPieces(deps: LinkDeps, messageId: number, destination: string): { before: string; after: string } {
  const { publicUrl } = deps.config;
  const signature = signUrl(deps.secret, LINK_PURPOSE, String(messageId), destination);
  return { before: `${publicUrl}/l/`, after: `?m=${messageId}&u=${encodeURIComponent(destination)}&s=${signature}` };
}

/** Whether `signature` is ours for the message and destination a link carries. */
export function verifyTrackedLink(deps: LinkDeps, signature: unknown, messageId: unknown, destination: string): boolean {
  return typeof messageId === 'string' && /^[1-9]\d{0,15}$/.test(messageId) && verifySignedUrl(deps.secret, signature, LINK_PURPOSE, messageId, destination);
}

const LINK_PURPOSE = 'link-to';

export function unsubscribeUrl(deps: LinkDeps, token: string): string {
  return `${deps.config.publicUrl}/u/${token}?s=${signUrl(deps.secret, 'unsubscribe', token)}`;
}
