// Tracked links are signed so nobody can turn our redirect into an open redirect to a URL of their choosing.
import { sign, verifySignature } from '../../lib/tokens.ts';

/** The signature for sending `token`'s holder on to `url` (purpose keeps signatures for different uses apart). */
export function signUrl(secret: string, purpose: string, token: string, url = ''): string {
  return sign(secret, purpose, token, url);
}

export function verifySignedUrl(secret: string, signature: unknown, purpose: string, token: string, url = ''): boolean {
  return verifySignature(secret, signature, purpose, token, url);
}
