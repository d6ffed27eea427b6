// RFC 6238 time-based one-time codes (30-second steps, 6 digits, SHA-1: what every authenticator app
// reads from an otpauth:// URI), through the otpauth library. A code is accepted one step either side of
// now, for clocks a little apart; the step it matched is returned so the caller can refuse a replay.
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';

const PERIOD = 30;
const WINDOW = 1;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = '', issuer = '') {
  return new TOTP({ secret: Secret.fromBase32(secret), label, issuer, algorithm: 'SHA1', digits: 6, period: PERIOD });
}

export function totpUri(secret: string, issuer: string, account: string): string {
  return totp(secret, account, issuer).toString();
}

/** The URI as a QR code, an SVG image an authenticator app's camera can read. */
export function totpQrSvg(uri: string): string {
  return renderSVG(uri, { ecc: 'M', border: 2 });
}

/** The time step the code belongs to, or undefined when it matches none near `now`. */
export function matchTotpStep(secret: string, code: string, now: Date): number | undefined {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return undefined;
  const timestamp = now.getTime();
  const delta = totp(secret).validate({ token: clean, timestamp, window: WINDOW });
  if (delta === null) return undefined;
  return TOTP.counter({ period: PERIOD, timestamp }) + delta;
}

/** The code for `now` (the tests' authenticator app). */
export function totpCode(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}
