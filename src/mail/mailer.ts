// The SMTP side of sending: a pool of connections to the relay in SMTP_URL (Nodemailer).
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import type { Config } from '../config/config.ts';
import { Problem } from '../http/problem.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
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

export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpConnections'>): Mailer {
  let transport: Transporter | undefined;
  function getTransport() {
    if (!config.smtpUrl) {
      throw new Problem(503, 'smtp-not-configured', 'No mail relay is configured',
        'Set SMTP_URL (for example smtp://user:password@relay.example.org:587) and restart Outcry.');
    }
    transport ??= nodemailer.createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: Math.max(1, config.smtpConnections),
      maxMessages: Infinity,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    } as TransportOptions);
    return transport;
  }
  return {
    async send(mail) {
      try {
        const info = await getTransport().sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          headers: mail.headers,
          messageId: mail.messageId ? `<${mail.messageId}>` : undefined,
          envelope: mail.envelopeFrom ? { from: mail.envelopeFrom, to: mail.to } : undefined,
        });
        return { response: String(info.response ?? '250') };
      } catch (err) {
        if (err instanceof Problem) throw err;
        const e = err as { message?: string; responseCode?: number; response?: string; command?: string };
        throw new SmtpError(e.response ?? e.message ?? String(err), e.responseCode, e.command);
      }
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
