// The inbound SMTP listener the worker runs when BOUNCE_SMTP_PORT is set: it takes mail for the bounce
// domain only (the MX of BOUNCE_DOMAIN, or a relay in front of it, delivers here) and reads DSNs and abuse
// reports from it. Whatever it cannot read is accepted and dropped, so senders do not retry it for days.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { reportsFromMail } from './inbound-mail.ts';
import { recordBounceReports, type BounceDeps } from './record-bounce.service.ts';

export interface BounceListener {
  port: number;
  close(): Promise<void>;
}

const LARGEST_MAIL = 10 * 1024 * 1024;

/** Listens on BOUNCE_SMTP_HOST:BOUNCE_SMTP_PORT; undefined when another process already does. */
export async function startBounceListener(deps: BounceDeps): Promise<BounceListener | undefined> {
  const { domain, smtpPort, smtpHost } = deps.bounce;
  if (!domain || smtpPort === undefined) throw new Error('the bounce listener needs BOUNCE_DOMAIN and BOUNCE_SMTP_PORT');
  const server = new SMTPServer({
    name: domain,
    banner: 'Outcry bounce handler',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: LARGEST_MAIL,
    logger: false,
    onRcptTo(address, _session, cb) {
      if (!address.address.toLowerCase().endsWith(`@${domain}`)) {
        return cb(Object.assign(new Error(`5.1.1 <${address.address}>: only mail for ${domain} is accepted here`), { responseCode: 550 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      let length = 0;
      stream.on('data', (c: Buffer) => {
        length += c.length;
        if (length <= LARGEST_MAIL) chunks.push(c);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded) return cb(Object.assign(new Error('5.3.4 The mail is too large'), { responseCode: 552 }));
        const rcptTo = session.envelope.rcptTo.map((r) => r.address);
        handleMail(deps, Buffer.concat(chunks), rcptTo, domain).then(() => cb(null, 'Ok: report read'), (err: unknown) => {
          deps.log.error({ err }, 'could not record a bounce report');
          cb(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
        });
      });
    },
  });
  server.on('error', (err) => deps.log.warn({ err }, 'bounce listener'));
  try {
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(smtpPort, smtpHost, () => resolve());
    });
  } catch (err) {
    // a second worker on this host, or a one-off command (`outcry messages send`) next to a running
    // server: the process already listening receives the bounces
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    deps.log.warn({ host: smtpHost, port: smtpPort }, 'the bounce listener port is taken; another process receives bounces');
    return undefined;
  }
  const port = (server.server.address() as AddressInfo).port;
  deps.log.info({ host: smtpHost, port, domain }, 'bounce listener started');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function handleMail(deps: BounceDeps, raw: Buffer, rcptTo: string[], domain: string): Promise<void> {
  let reports;
  try {
    reports = await reportsFromMail(raw, { rcptTo }, domain);
  } catch (err) {
    deps.log.warn({ err }, 'an unreadable mail reached the bounce domain');
    return;
  }
  if (reports.length === 0) deps.log.info({ rcptTo }, 'a mail that is no bounce report reached the bounce domain');
  await recordBounceReports(deps, reports);
}
