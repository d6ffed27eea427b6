// The certificates SNS signs with, fetched from the SigningCertURL a message names — but only from an
// https URL on an SNS host, or anyone could sign with a certificate of their own. A few are in use at a
// time (one per region and rotation), so each is fetched once and kept.
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { BounceConfig } from '../../config/bounce-config.ts';
import type { Clock } from '../../lib/clock.ts';

export interface SnsCertificates {
  /** The public key of the certificate at this URL; throws when the URL is not SNS's or the certificate is no good. */
  signingKey(url: string): Promise<KeyObject>;
}

const KEEP = 20;
const LARGEST = 16 * 1024;

/** Is this a URL SNS would send us to: a certificate or a subscription confirmation link? */
export function isSnsUrl(sns: BounceConfig['sns'], value: string | undefined): boolean {
  if (!value) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const schemeOk = url.protocol === 'https:' || (!sns.httpsOnly && url.protocol === 'http:');
  return schemeOk && !url.username && !url.password && sns.host.test(url.hostname);
}

export function createSnsCertificates(sns: BounceConfig['sns'], clock: Clock): SnsCertificates {
  const kept = new Map<string, Promise<X509Certificate>>();
  return {
    async signingKey(url) {
      if (!isSnsUrl(sns, url)) throw new Error('the signing certificate is not on an SNS host');
      let certificate = kept.get(url);
      if (!certificate) {
        certificate = fetchCertificate(url);
        if (kept.size >= KEEP) kept.delete(kept.keys().next().value!);
        kept.set(url, certificate);
        certificate.catch(() => kept.delete(url));
      }
      const cert = await certificate;
      const now = clock.now();
      if (now < cert.validFromDate || now > cert.validToDate) throw new Error('the signing certificate has expired');
      return cert.publicKey;
    },
  };
}

async function fetchCertificate(url: string): Promise<X509Certificate> {
  const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`fetching the signing certificate: HTTP ${res.status}`);
  const pem = await res.text();
  if (pem.length > LARGEST) throw new Error('the signing certificate is too large');
  return new X509Certificate(pem);
}
