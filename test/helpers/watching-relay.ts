// A real SMTP relay on 127.0.0.1 that watches its connections: it holds each DATA reply back a little (so a
// sender's connections are busy at once) and records which sender each connection carried, when it was
// open, and when each mail was taken.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export async function startWatchingRelay(holdMs: number) {
  const sessions = new Map<string, { senders: Set<string>; opened: number; closed: number }>();
  const taken: { from: string; at: number }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(session, cb) {
      sessions.set(session.id, { senders: new Set(), opened: Date.now(), closed: Infinity });
      cb();
    },
    onClose(session) {
      const s = sessions.get(session.id);
      if (s) s.closed = Date.now();
    },
    onMailFrom(address, session, cb) {
      sessions.get(session.id)?.senders.add(address.address);
      cb();
    },
    onData(stream, session, cb) {
      stream.resume();
      stream.on('end', () => setTimeout(() => {
        taken.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', at: Date.now() });
        cb(null, 'Ok: queued');
      }, holdMs));
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    taken,
    reset() { sessions.clear(); taken.length = 0; },
    /** Connections open now. */
    openNow: () => [...sessions.values()].filter((s) => s.closed === Infinity).length,
    /** The most connections that carried this sender's mail open at one moment. */
    mostOpenAtOnce(sender: string): number {
      const spans = [...sessions.values()].filter((s) => s.senders.has(sender));
      return Math.max(0, ...spans.map((a) => spans.filter((b) => b.opened <= a.opened && b.closed > a.opened).length));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
