// A real SMTP server on 127.0.0.1 for tests: it accepts (or refuses, when told) and keeps parsed mails.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface SinkMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  url: string;
  port: number;
  mails: SinkMail[];
  /** Refuse RCPT TO for these addresses with 550 (a hard bounce). */
  refuse: Set<string>;
  /** Resolves when at least n mails have arrived (or rejects after timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<SinkMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  const refuse = new Set<string>();
  let waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refuse.has(address.address.toLowerCase())) {
        const err = Object.assign(new Error('5.1.1 User unknown'), { responseCode: 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        mails.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed,
        });
        waiters = waiters.filter((w) => (mails.length >= w.n ? (w.resolve(), false) : true));
        cb(null, 'Ok: queued');
      });
    },
  });
  // a client that dies mid-conversation (a killed sender) must not end the test process
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    refuse,
    waitFor(n, timeoutMs = 15_000) {
      if (mails.length >= n) return Promise.resolve(mails);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${mails.length} of ${n} mails arrived`)), timeoutMs);
        waiters.push({ n, resolve: () => { clearTimeout(timer); resolve(mails); } });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
