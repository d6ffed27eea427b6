// The relay over TLS: STARTTLS on a plain connection (smtp://, port 587) and TLS from the first byte
// (smtps://, port 465), through the mail thread, against a real SMTP server with its own certificate.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMime } from '../../src/mail/mime.ts';
import { createThreadedSmtpPool } from '../../src/mail/smtp-thread.ts';

const servers: SMTPServer[] = [];
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(() => resolve(undefined))))); });

/** A relay that records each mail's recipient, whether its session was encrypted, and its subject. */
async function startRelay(secure: boolean) {
  const received: { to: string; secure: boolean; subject: string }[] = [];
  const server = new SMTPServer({
    secure, // smtp-server's own self-signed certificate
    authOptional: true,
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const subject = /^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString('latin1'))?.[1] ?? '';
        received.push({ to: session.envelope.rcptTo[0]!.address, secure: session.secure, subject: subject.trim() });
        cb();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, received };
}

const mail = (to: string) => buildMime({
  from: 'Outcry <outcry@example.org>', to, subject: `Hello ${to}`, text: 'plain', html: '<p>html</p>',
  messageId: `${to}-id@example.org`, date: new Date('2026-02-20T12:00:00Z'),
});

async function sendThree(url: string) {
  const pool = createThreadedSmtpPool({ url, connections: 2 });
  try {
    const to = ['a@example.org', 'b@example.org', 'c@example.org'];
    for (const reply of await Promise.all(to.map((t) => pool.send({ from: 'outcry@example.org', to: t }, mail(t))))) expect(reply).toMatch(/^250/);
  } finally {
    pool.close();
  }
}

describe('the relay over TLS', () => {
  it('upgrades a plain connection with STARTTLS and sends every mail encrypted', async () => {
    const relay = await startRelay(false);
    await sendThree(`smtp://127.0.0.1:${relay.port}?requireTLS=true&allowUnauthorized=true`);
    expect(relay.received.map((r) => [r.to, r.secure, r.subject]).sort()).toEqual([
      ['a@example.org', true, 'Hello a@example.org'], ['b@example.org', true, 'Hello b@example.org'], ['c@example.org', true, 'Hello c@example.org'],
    ]);
  });

  it('speaks TLS from the first byte to an smtps relay', async () => {
    const relay = await startRelay(true);
    await sendThree(`smtps://127.0.0.1:${relay.port}?allowUnauthorized=true`);
    expect(relay.received.map((r) => [r.to, r.secure]).sort()).toEqual([['a@example.org', true], ['b@example.org', true], ['c@example.org', true]]);
  });

  it('refuses a relay whose certificate it cannot verify, unless told to allow it', async () => {
    const relay = await startRelay(false);
    const pool = createThreadedSmtpPool({ url: `smtp://127.0.0.1:${relay.port}?requireTLS=true`, connections: 1 });
    try {
      await expect(pool.send({ from: 'outcry@example.org', to: 'a@example.org' }, mail('a@example.org'))).rejects.toThrow(/STARTTLS|certificate/i);
    } finally {
      pool.close();
    }
    expect(relay.received).toEqual([]);
  });
});
