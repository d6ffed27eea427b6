// A real SMTP relay on 127.0.0.1 that misbehaves on purpose: it refuses some addresses at RCPT TO, answers
// DATA with 451 now and then, drops the connection while a message streams in, and holds replies back.
// It keeps what it *accepted* (a 250 was sent) apart from what it merely saw, which is what the delivery
// tests count: a mail the relay took is delivered, whatever the sender thinks.
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface AcceptedMail {
  to: string;
  messageId: string | undefined;
  /** When the 250 was sent (Date.now()). */
  at: number;
}

export type RelayAnswer = 'accepted' | 'refused' | 'deferred' | 'dropped';

export interface RelayEvent {
  to: string;
  answer: RelayAnswer;
  at: number;
}

export interface Faults {
  /** 550 at RCPT TO: a hard bounce. */
  refuse: Set<string>;
  /** Every nth DATA that reaches its end is answered 451 (0: never). */
  deferEvery: number;
  /** These addresses' DATA is answered 451 every time. */
  deferAlways: Set<string>;
  /** The first DATA for these addresses: the connection is destroyed while the message streams in. */
  dropFirst: Set<string>;
  /** Milliseconds to hold back the reply to these addresses' DATA. */
  delay: Map<string, number>;
}

export interface FaultySmtp {
  url: string;
  faults: Faults;
  accepted: AcceptedMail[];
  /** Every answer to a recipient, in order. */
  events: RelayEvent[];
  /** Called right after each acceptance is recorded (before the 250 goes out). */
  onAccepted: ((mail: AcceptedMail, count: number) => void) | undefined;
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  /** Forgets the mails, events and faults. */
  reset(): void;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:[ \t]*<([^>\r\n]+)>/im;

export async function startFaultySmtp(): Promise<FaultySmtp> {
  const faults: Faults = { refuse: new Set(), deferEvery: 0, deferAlways: new Set(), dropFirst: new Set(), delay: new Map() };
  const dropped = new Set<string>();
  const accepted: AcceptedMail[] = [];
  const events: RelayEvent[] = [];
  const sockets = new Map<number, Socket>();
  let dataCount = 0;
  let waiters: { n: number; resolve: () => void }[] = [];

  const recipientOf = (session: SMTPServerSession) => (session.envelope.rcptTo[0]?.address ?? '').toLowerCase();
  const note = (to: string, answer: RelayAnswer) => events.push({ to, answer, at: Date.now() });
  const problem = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

  const relay: FaultySmtp = {
    url: '',
    faults,
    accepted,
    events,
    onAccepted: undefined,
    waitFor(n, timeoutMs = 30_000) {
      if (accepted.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${accepted.length} of ${n} mails were accepted`)), timeoutMs);
        waiters.push({ n, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
    reset() {
      accepted.length = 0;
      events.length = 0;
      dropped.clear();
      dataCount = 0;
      faults.refuse.clear();
      faults.deferAlways.clear();
      faults.dropFirst.clear();
      faults.delay.clear();
      faults.deferEvery = 0;
      relay.onAccepted = undefined;
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets.values()) s.destroy();
      server.close(() => resolve());
    }),
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      const to = address.address.toLowerCase();
      if (faults.refuse.has(to)) {
        note(to, 'refused');
        return cb(problem(550, '5.1.1 User unknown'));
      }
      cb();
    },
    onData(stream, session, cb) {
      const to = recipientOf(session);
      const chunks: Buffer[] = [];
      let gone = false;
      stream.on('data', (chunk: Buffer) => {
        if (gone) return;
        if (faults.dropFirst.has(to) && !dropped.has(to)) {
          // the message is on its way in: hang up before it ends, so it is never accepted
          gone = true;
          dropped.add(to);
          note(to, 'dropped');
          sockets.get(session.remotePort)?.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on('end', () => {
        if (gone) return;
        const answer = () => {
          if (faults.deferAlways.has(to) || (faults.deferEvery > 0 && ++dataCount % faults.deferEvery === 0)) {
            note(to, 'deferred');
            return cb(problem(451, '4.3.0 Temporary failure, try again later'));
          }
          const head = Buffer.concat(chunks).toString('latin1').split('\r\n\r\n', 1)[0]!;
          const mail = { to, messageId: MESSAGE_ID.exec(head)?.[1], at: Date.now() };
          accepted.push(mail);
          note(to, 'accepted');
          relay.onAccepted?.(mail, accepted.length);
          waiters = waiters.filter((w) => (accepted.length >= w.n ? (w.resolve(), false) : true));
          cb(null, 'Ok: queued');
        };
        const delay = faults.delay.get(to);
        if (delay) setTimeout(answer, delay);
        else answer();
      });
    },
  });
  // a client that vanishes mid-transaction (a killed worker) surfaces as an 'error' on the server, which
  // would otherwise end the test process: for a relay, that is just a lost connection
  server.on('error', () => {});
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort!;
    sockets.set(port, socket);
    socket.once('close', () => { if (sockets.get(port) === socket) sockets.delete(port); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return relay;
}
