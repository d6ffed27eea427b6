// The SMTP side of sending: each message built as one Buffer (mime.ts), DKIM-signed when the sender's
// domain has a key, held to its sender's rate limits, and handed to that sender's pool of connections to
// SMTP_URL, in a thread of its own (smtp-thread.ts).
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config.ts';
import { Problem } from '../http/problem.ts';
import { createDkimSigner } from './dkim.ts';
import { splitMailbox } from './mailbox.ts';
import { buildMime } from './mime.ts';
import { alternativeBody, type MimeBody } from './mime-body.ts';
import { createSendRate } from './send-rate.ts';
import { createSenderLimitsTable, senderAddress, type SenderLimitsTable } from './sender-limits.ts';
import type { SmtpPool } from './smtp-pool.ts';
import { createThreadedSmtpPool } from './smtp-thread.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  /** The body, prepared (a send), or made from text and HTML (mime-body.ts). */
  body?: MimeBody;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
  /** Our Message-ID, without angle brackets. */
  messageId?: string;
  /** The envelope sender (return path). */
  envelopeFrom?: string;
}

export interface SendResult {
  /** The relay's final reply, e.g. "250 2.0.0 Ok: queued as 1234". */
  response: string;
}

export interface Mailer {
  /** Resolves after the relay's 2xx to the message; rejects with an error carrying responseCode when refused. */
  send(mail: OutgoingMail): Promise<SendResult>;
  /** Each sender's connections and rates (sender-limits.ts): `of` a sender, and the senders' own, replaced whole. */
  readonly senderLimits: SenderLimitsTable;
  close(): void;
}

export class SmtpError extends Error {
  readonly responseCode: number | undefined;
  /** True for a permanent refusal (5xx): the address must not be retried. */
  readonly permanent: boolean;
  /** The SMTP step that failed ('RCPT TO', 'DATA', 'AUTH PLAIN', 'CONN'…), when known. */
  readonly command: string | undefined;
  constructor(message: string, responseCode: number | undefined, command?: string) {
    super(message);
    this.responseCode = responseCode;
    this.permanent = responseCode !== undefined && responseCode >= 500;
    this.command = command;
  }

  /**
   * The relay refused this recipient's address for good (5xx to RCPT TO): a hard bounce. A 5xx at another
   * step (login, sender, content) says nothing about the address, so it must not mark the person bouncing.
   */
  get addressRefused(): boolean {
    return this.permanent && (this.command ?? '').startsWith('RCPT');
  }
}

type MailerConfig = Pick<Config, 'smtpUrl' | 'smtpConnections' | 'sendPerSecond' | 'sendPerHour' | 'dkimKeysDir' | 'dkimSelector'>;

export function createMailer(config: MailerConfig): Mailer {
  let pool: SmtpPool | undefined;
  const rate = createSendRate();
  const senderLimits = createSenderLimitsTable({ connections: config.smtpConnections, perSecond: config.sendPerSecond, perHour: config.sendPerHour });
  const dkim = createDkimSigner(config.dkimKeysDir, config.dkimSelector);
  function getPool() {
    if (!config.smtpUrl) {
      throw new Problem(503, 'smtp-not-configured', 'No mail relay is configured',
        'Set SMTP_URL (for example smtp://user:password@relay.example.org:587) and restart Outcry.');
    }
    pool ??= createThreadedSmtpPool({ url: config.smtpUrl, connections: Math.max(1, config.smtpConnections) });
    return pool;
  }
  return {
    senderLimits,
    async send(mail) {
      const smtp = getPool();
      try {
        const from = splitMailbox(mail.from).address;
        const sender = senderAddress(from);
        const limits = senderLimits.of(sender);
        // each await is a turn of the microtask queue per mail: only taken when there is something to wait for
        const waiting = rate.take(sender, limits);
        if (waiting) await waiting;
        const domain = from.split('@').pop()!;
        const raw = buildMime({
          from: mail.from, to: mail.to, subject: mail.subject, body: mail.body ?? alternativeBody(mail.text ?? '', mail.html ?? ''),
          headers: mail.headers, messageId: mail.messageId ?? randomMessageId(from), date: new Date(),
        });
        const message = dkim.signs(domain) ? await dkim.sign(domain, raw) : raw;
        const response = await smtp.send({ from: mail.envelopeFrom ?? from, to: splitMailbox(mail.to).address }, message, { sender, connections: limits.connections });
        return { response };
      } catch (err) {
        const e = err as { message?: string; responseCode?: number; response?: string; command?: string };
        throw new SmtpError(e.response ?? e.message ?? String(err), e.responseCode, e.command);
      }
    },
    close() {
      pool?.close();
      pool = undefined;
    },
  };
}

function randomMessageId(fromAddress: string): string {
  return `${randomBytes(16).toString('hex')}@${fromAddress.split('@')[1] ?? 'localhost'}`;
}
