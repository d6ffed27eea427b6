// DKIM signing with one key per sender domain (Nodemailer's signer): DKIM_KEYS_DIR holds <domain>.pem,
// published in DNS as <DKIM_SELECTOR>._domainkey.<domain>. A domain without a key is sent unsigned.
// The signature covers the unsubscribe headers too, as Gmail and Yahoo require of bulk mail.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import DKIM from 'nodemailer/lib/dkim';

const SIGNED_HEADERS = 'From:To:Subject:Date:Message-ID:MIME-Version:Content-Type:Reply-To:'
  + 'List-Unsubscribe:List-Unsubscribe-Post:Feedback-ID';

export interface DkimSigner {
  /** The message with a DKIM-Signature header when the sender's domain has a key; else as it was. */
  sign(fromDomain: string, message: Buffer): Promise<Buffer>;
  /** Does this sender's domain have a key? When not, there is nothing to wait for. */
  signs(fromDomain: string): boolean;
}

export function createDkimSigner(keysDir: string | undefined, selector: string): DkimSigner {
  const signers = new Map<string, DKIM | null>();
  function signerFor(domain: string): DKIM | null {
    const key = domain.toLowerCase();
    if (!signers.has(key)) {
      const file = keysDir && /^[a-z0-9.-]+$/.test(key) ? join(keysDir, `${key}.pem`) : undefined;
      signers.set(key, file && existsSync(file)
        ? new DKIM({ domainName: key, keySelector: selector, privateKey: readFileSync(file, 'utf8'), headerFieldNames: SIGNED_HEADERS })
        : null);
    }
    return signers.get(key)!;
  }
  return {
    signs: (fromDomain) => Boolean(keysDir && signerFor(fromDomain)),
    async sign(fromDomain, message) {
      const dkim = keysDir ? signerFor(fromDomain) : null;
      if (!dkim) return message;
      const chunks: Buffer[] = [];
      for await (const chunk of dkim.sign(message)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}
