// A pool of SMTP sessions to the relay in SMTP_URL: at most `connections` open, each carrying one message
// at a time, reused while sound, closed after a while unused. A refused message leaves its session usable
// (RSET); a fault closes it and the next message opens a fresh one.
import { hostname } from 'node:os';
import { SmtpSession, type SmtpSettings } from './smtp-client.ts';

export interface SmtpPool {
  /**
   * Resolves with the relay's reply to the message; rejects with an SmtpReplyError. `route`: the sender
   * whose connections carry it and how many it may have (a pool of the mail thread's per sender), when
   * the pool serves several.
   */
  send(envelope: { from: string; to: string }, message: Buffer, route?: SmtpRoute): Promise<string>;
  close(): void;
}

/** Which sender's connections carry a message, and how many that sender may have open. */
export interface SmtpRoute { sender: string; connections: number }

export interface SmtpPoolOptions {
  url: string;
  connections: number;
  /** A session unused this long is closed (relays drop idle ones anyway). */
  idleMs?: number;
}

interface Idle { session: SmtpSession; timer: NodeJS.Timeout }

export interface ResizableSmtpPool extends SmtpPool {
  /** How many connections the pool may open. */
  readonly connections: number;
  setConnections(n: number): void;
}

export function createSmtpPool(options: SmtpPoolOptions): ResizableSmtpPool {
  const settings = smtpSettingsFrom(options.url);
  const idleMs = options.idleMs ?? 10_000;
  const idle: Idle[] = [];
  const waiting: ((s: SmtpSession | Error) => void)[] = [];
  let open = 0;
  let closed = false;
  let limit = Math.max(1, options.connections);

  async function acquire(): Promise<SmtpSession> {
    for (let entry = idle.pop(); entry; entry = idle.pop()) {
      clearTimeout(entry.timer);
      if (!entry.session.broken) return entry.session;
      drop(entry.session);
    }
    if (open < limit) {
      open++;
      const session = new SmtpSession(settings);
      try {
        await session.open();
        return session;
      } catch (err) {
        drop(session);
        throw err;
      }
    }
    const got = await new Promise<SmtpSession | Error>((resolve) => waiting.push(resolve));
    if (got instanceof Error) throw got;
    return got;
  }

  function release(session: SmtpSession) {
    if (session.broken || closed) return drop(session);
    // fewer connections allowed now: this one closes instead of taking the next message
    if (open > limit) {
      session.quit();
      return drop(session);
    }
    const next = waiting.shift();
    if (next) return next(session);
    const timer = setTimeout(() => {
      const i = idle.findIndex((e) => e.session === session);
      if (i >= 0) idle.splice(i, 1);
      session.quit();
      drop(session);
    }, idleMs);
    timer.unref();
    idle.push({ session, timer });
  }

  function drop(session: SmtpSession) {
    session.destroy();
    open--;
    // a slot is free: the first in line opens a session of its own (not while the pool is over a lowered limit)
    if (open >= limit) return;
    const next = waiting.shift();
    if (next) acquire().then(next, next);
  }

  /** More connections allowed: those waiting for one open their own now; fewer: idle ones close now, busy ones as they finish. */
  function setConnections(n: number) {
    limit = Math.max(1, n);
    while (open > limit && idle.length > 0) {
      const { session, timer } = idle.pop()!;
      clearTimeout(timer);
      session.quit();
      open--;
    }
    // acquire counts the connection it opens before it waits for it, so this stops at the limit
    while (open < limit && waiting.length > 0) {
      const next = waiting.shift()!;
      acquire().then(next, next);
    }
  }

  return {
    setConnections,
    get connections() { return limit; },
    async send(envelope, message) {
      if (closed) throw new Error('the mail pool is closed');
      const session = await acquire();
      try {
        return await session.send(envelope.from, envelope.to, message);
      } finally {
        release(session);
      }
    },
    close() {
      closed = true;
      for (const { session, timer } of idle.splice(0)) {
        clearTimeout(timer);
        session.quit();
        open--;
      }
      for (const w of waiting.splice(0)) w(new Error('the mail pool is closed'));
    },
  };
}

/** smtp://user:pass@host:587 (STARTTLS when offered; ?requireTLS=true insists) or smtps://host:465. */
export function smtpSettingsFrom(url: string): SmtpSettings {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps:// (got ${u.protocol})`);
  const secure = u.protocol === 'smtps:';
  const flag = (name: string) => ['1', 'true', 'yes'].includes(u.searchParams.get(name) ?? '');
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    requireTLS: flag('requireTLS'),
    ignoreTLS: flag('ignoreTLS'),
    rejectUnauthorized: !flag('allowUnauthorized'),
    name: u.searchParams.get('name') ?? hostname(),
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    timeoutMs: 60_000,
  };
}
