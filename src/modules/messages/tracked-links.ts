// Every link in a message goes through our own /l/ redirect with the recipient's token and a signature
// over the destination, so a click is counted without any third party and the redirect cannot be
// pointed anywhere else. Links to our storm and article pages also carry the token (r=) so the page can
// attribute (the article page then knows whose share link it gives out).
import type { Deps } from '../../deps.ts';
import { signUrl } from '../tracking/index.ts';

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

export function trackedLinkUrl(deps: LinkDeps, token: string, destination: string): string {
  const { publicUrl } = deps.config;
  const url = withAttribution(publicUrl, destination, token);
  return `${publicUrl}/l/${token}?u=${encodeURIComponent(url)}&s=${signUrl(deps.secret, 'link', token, url)}`;
}

/**
 * trackedLinkUrl for one destination and any recipient, made once per send: the attribution is placed by
 * cutting the URL where a token goes, so no recipient's link needs the URL parsed again.
 */
export function compileTrackedLink(deps: LinkDeps, destination: string): (token: string) => string {
  const { publicUrl } = deps.config;
  if (destination.includes(TOKEN_MARK)) return (token) => trackedLinkUrl(deps, token, destination);
  const [before, after] = withAttribution(publicUrl, destination, TOKEN_MARK).split(TOKEN_MARK) as [string, string?];
  if (after === undefined) {
    const encoded = encodeURIComponent(destination);
    return (token) => `${publicUrl}/l/${token}?u=${encoded}&s=${signUrl(deps.secret, 'link', token, destination)}`;
  }
  // a token is base64url: encodeURIComponent leaves it as it is, so the encoded URL can be cut the same way
  const encodedBefore = encodeURIComponent(before);
  const encodedAfter = encodeURIComponent(after);
  return (token) => `${publicUrl}/l/${token}?u=${encodedBefore}${token}${encodedAfter}&s=${signUrl(deps.secret, 'link', token, before + token + after)}`;
}

/** Stands for a recipient's token while a link is cut: token-shaped, and no real token has it. */
const TOKEN_MARK = 'TOKENxMARKxTOKENxMARKx';

export function unsubscribeUrl(deps: LinkDeps, token: string): string {
  return `${deps.config.publicUrl}/u/${token}?s=${signUrl(deps.secret, 'unsubscribe', token)}`;
}
