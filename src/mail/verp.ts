// VERP (variable envelope return path): each mail's envelope sender names its recipient, so a bounce that
// comes back to bounces+TOKEN@BOUNCE_DOMAIN says whose mail it was, whatever the bounce itself contains.
// Here in mail/ (not in the bounces module) so the send path can use it without importing that module.
import type { BounceConfig } from '../config/bounce-config.ts';
import { isTokenShaped } from '../lib/tokens.ts';

const LOCAL_PART = 'bounces';

/** The envelope sender for the mail to this recipient; undefined when BOUNCE_DOMAIN is not set. */
export function returnPathFor(deps: { bounce: Pick<BounceConfig, 'domain'> }, recipientToken: string): string | undefined {
  const domain = deps.bounce.domain;
  return domain ? `${LOCAL_PART}+${recipientToken}@${domain}` : undefined;
}

/** The recipient token in a VERP address on our bounce domain, or undefined. */
export function tokenFromReturnPath(address: string, domain: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return undefined;
  const [local, token] = address.slice(0, at).split('+', 2);
  return local?.toLowerCase() === LOCAL_PART && isTokenShaped(token) ? token : undefined;
}
