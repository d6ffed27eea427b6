import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createDkimSigner } from './dkim.ts';
import { createMailer } from './mailer.ts';
import { buildMime } from './mime.ts';

const dir = mkdtempSync(join(tmpdir(), 'outcry-dkim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
writeFileSync(join(dir, 'example.org.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
const dnsRecord = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

const message = () => buildMime({
  from: 'Rahima <rahima@example.org>', to: 'john@example.net', subject: 'Will you take part?',
  text: 'Hi John', html: '<p>Hi John</p>', messageId: 'abc@example.org', date: new Date('2026-02-20T12:00:00Z'),
  headers: { 'List-Unsubscribe': '<https://storm.example.org/u/t?s=x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
});

const verify = (raw: Buffer) => dkimVerify(raw, {
  resolver: async (name: string, type: string) => {
    if (type === 'TXT' && name === 'outcry._domainkey.example.org') return [[dnsRecord]];
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  },
});

describe('DKIM signing', () => {
  it('signs mail from a domain with a key so that a verifier passes it, unsubscribe headers included', async () => {
    const signed = await createDkimSigner(dir, 'outcry').sign('example.org', message());
    const result = await verify(signed);
    expect(result.results[0]?.status.result).toBe('pass');
    const header = /^DKIM-Signature:[\s\S]*?(?=\r\n\S)/m.exec(signed.toString())![0].replace(/\r\n\s+/g, ' ');
    expect(header).toMatch(/d=example\.org/);
    expect(header).toMatch(/s=outcry/);
    expect(header.toLowerCase()).toMatch(/h=[^;]*list-unsubscribe:list-unsubscribe-post/);
  });

  it('fails verification once a signed header is changed', async () => {
    const signed = (await createDkimSigner(dir, 'outcry').sign('example.org', message())).toString()
      .replace('List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'List-Unsubscribe-Post: nothing');
    expect((await verify(Buffer.from(signed))).results[0]?.status.result).toBe('fail');
  });

  it('leaves mail from a domain without a key unsigned', async () => {
    const raw = message();
    expect(await createDkimSigner(dir, 'outcry').sign('example.net', raw)).toBe(raw);
    expect(await createDkimSigner(undefined, 'outcry').sign('example.org', raw)).toBe(raw);
  });

  it('says which sending domains it signs for', () => {
    expect(createDkimSigner(dir, 'outcry').signs('example.org')).toBe(true);
    expect(createDkimSigner(dir, 'outcry').signs('example.net')).toBe(false);
    expect(createDkimSigner(undefined, 'outcry').signs('example.org')).toBe(false);
  });

  it('is applied by the mailer to what it hands the relay, and only for a domain with a key', async () => {
    const received: Buffer[] = [];
    const relay = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => { received.push(Buffer.concat(chunks)); done(); });
      },
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const { port } = relay.server.address() as { port: number };
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, smtpConnections: 1, sendPerSecond: 0, sendPerHour: 0, dkimKeysDir: dir, dkimSelector: 'outcry' });
    try {
      await mailer.send({ from: 'Rahima <rahima@example.org>', to: 'john@example.net', subject: 'Will you take part?', text: 'Hi John', html: '<p>Hi John</p>' });
      await mailer.send({ from: 'someone@example.net', to: 'john@example.net', subject: 'Unsigned', text: 'Hi', html: '<p>Hi</p>' });
    } finally {
      mailer.close();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
    expect(received).toHaveLength(2);
    expect((await verify(received[0]!)).results[0]?.status.result).toBe('pass');
    expect(received[1]!.toString()).not.toMatch(/^DKIM-Signature:/m);
  });
});
