// One SMTP client session (RFC 5321) to the relay: greeting, EHLO, STARTTLS, AUTH PLAIN/LOGIN, and then
// any number of messages, pipelined (RFC 2920) when the relay offers it. Kept to what a submission relay
// needs, so the hot path is one write per message and one dot-stuffing pass done natively. Replaces
// Nodemailer's connection on the send path because its byte-by-byte stream handling dominated a send.
import net from 'node:net';
import tls from 'node:tls';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://, port 465). */
  secure: boolean;
  /** Refuse to go on without STARTTLS. */
  requireTLS: boolean;
  /** Never STARTTLS, even when offered. */
  ignoreTLS: boolean;
  rejectUnauthorized: boolean;
  /** Our name in EHLO. */
  name: string;
  auth?: { user: string; pass: string } | undefined;
  timeoutMs: number;
}

/** A refusal or a fault, with the reply code and the step it happened at (RCPT TO, DATA, …). */
export class SmtpReplyError extends Error {
  readonly responseCode: number | undefined;
  readonly command: string;
  readonly response: string | undefined;
  constructor(message: string, responseCode: number | undefined, command: string, response?: string) {
    super(message);
    this.responseCode = responseCode;
    this.command = command;
    this.response = response;
  }
}

interface Reply { code: number; text: string }

export class SmtpSession {
  private socket!: net.Socket;
  private buffer = '';
  private readers: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  private replies: Reply[] = [];
  private failure: Error | undefined;
  private extensions = new Set<string>();
  private authMethods = new Set<string>();
  broken = false;
  private readonly settings: SmtpSettings;

  constructor(settings: SmtpSettings) {
    this.settings = settings;
  }

  async open(): Promise<void> {
    const s = this.settings;
    this.attach(await connectSocket(s));
    await this.expect(await this.read(), [220], 'CONN');
    await this.ehlo();
    if (!s.secure && !s.ignoreTLS && (this.extensions.has('STARTTLS') || s.requireTLS)) {
      await this.expect(await this.command('STARTTLS'), [220], 'STARTTLS');
      this.attach(await upgrade(this.socket, s));
      await this.ehlo();
    } else if (s.requireTLS && !s.secure) {
      throw new SmtpReplyError('the relay does not offer STARTTLS', undefined, 'STARTTLS');
    }
    if (s.auth) await this.login(s.auth);
  }

  /** Sends one message; resolves with the relay's final reply text. */
  async send(from: string, to: string, message: Buffer): Promise<string> {
    const utf8 = /[^\x00-\x7f]/.test(from + to) && this.extensions.has('SMTPUTF8') ? ' SMTPUTF8' : '';
    const mail = `MAIL FROM:<${from}>${utf8}\r\n`;
    const rcpt = `RCPT TO:<${to}>\r\n`;
    let replies: Reply[];
    if (this.extensions.has('PIPELINING')) {
      this.write(mail + rcpt + 'DATA\r\n');
      replies = [await this.read(), await this.read(), await this.read()];
    } else {
      replies = [await this.commandRaw(mail)];
      if (replies[0]!.code === 250) replies.push(await this.commandRaw(rcpt));
      if (replies[1]?.code === 250 || replies[1]?.code === 251) replies.push(await this.commandRaw('DATA\r\n'));
    }
    const [mailReply, rcptReply, dataReply] = replies;
    const refused = mailReply!.code !== 250 ? ['MAIL FROM', mailReply!] as const
      : rcptReply!.code !== 250 && rcptReply!.code !== 251 ? ['RCPT TO', rcptReply!] as const
        : dataReply!.code !== 354 ? ['DATA', dataReply!] as const : undefined;
    if (refused) {
      await this.reset();
      throw replyError(refused[1], refused[0]);
    }
    this.writeData(message);
    const final = await this.read();
    if (final.code !== 250) {
      await this.reset();
      throw replyError(final, 'DATA');
    }
    return `${final.code} ${final.text}`;
  }

  quit(): void {
    if (!this.broken) this.socket.end('QUIT\r\n');
    this.broken = true;
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  destroy(): void {
    this.broken = true;
    this.socket?.destroy();
  }

  private async ehlo() {
    let reply = await this.command(`EHLO ${this.settings.name}`);
    if (reply.code !== 250) reply = await this.expect(await this.command(`HELO ${this.settings.name}`), [250], 'HELO');
    this.extensions.clear();
    for (const line of reply.text.split('\n').slice(1)) {
      const [word, ...rest] = line.trim().toUpperCase().split(/[\s=]+/);
      if (!word) continue;
      this.extensions.add(word);
      if (word === 'AUTH') rest.forEach((m) => this.authMethods.add(m));
    }
  }

  private async login(auth: { user: string; pass: string }) {
    if (this.authMethods.has('PLAIN') || !this.authMethods.has('LOGIN')) {
      const token = Buffer.from(`\0${auth.user}\0${auth.pass}`).toString('base64');
      await this.expect(await this.command(`AUTH PLAIN ${token}`), [235], 'AUTH PLAIN');
      return;
    }
    await this.expect(await this.command('AUTH LOGIN'), [334], 'AUTH LOGIN');
    await this.expect(await this.command(Buffer.from(auth.user).toString('base64')), [334], 'AUTH LOGIN');
    await this.expect(await this.command(Buffer.from(auth.pass).toString('base64')), [235], 'AUTH LOGIN');
  }

  private async reset() {
    if (this.broken) return;
    const reply = await this.command('RSET').catch(() => undefined);
    if (reply?.code !== 250) this.destroy();
  }

  private async expect(reply: Reply, codes: number[], command: string): Promise<Reply> {
    if (!codes.includes(reply.code)) {
      this.destroy();
      throw replyError(reply, command);
    }
    return reply;
  }

  private command(line: string): Promise<Reply> {
    return this.commandRaw(`${line}\r\n`);
  }

  private commandRaw(text: string): Promise<Reply> {
    this.write(text);
    return this.read();
  }

  private write(text: string) {
    if (this.broken) throw this.failure ?? new SmtpReplyError('the connection is closed', undefined, 'CONN');
    this.socket.write(text);
  }

  /** The message and its closing dot in one system call (writev), without copying the message. */
  private writeData(message: Buffer) {
    if (this.broken) throw this.failure ?? new SmtpReplyError('the connection is closed', undefined, 'CONN');
    const [body, end] = dotStuffedParts(message);
    this.socket.cork();
    this.socket.write(body);
    this.socket.write(end);
    this.socket.uncork();
  }

  private read(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.readers.push({ resolve, reject }));
  }

  private attach(socket: net.Socket) {
    this.socket?.removeAllListeners('data');
    this.socket = socket;
    this.buffer = '';
    const reader = chunkReaders.get(socket);
    if (reader) {
      reader.onChunk = (chunk) => this.onData(chunk);
      const early = reader.early;
      reader.early = '';
      if (early) this.onData(early);
    } else {
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => this.onData(chunk));
    }
    socket.setTimeout(this.settings.timeoutMs);
    socket.on('timeout', () => this.fail(new SmtpReplyError('the relay did not answer in time', undefined, 'CONN')));
    socket.on('error', (err) => this.fail(new SmtpReplyError(`connection error: ${err.message}`, undefined, 'CONN')));
    socket.on('close', () => this.fail(new SmtpReplyError('the relay closed the connection', undefined, 'CONN')));
  }

  private onData(chunk: string) {
    // the usual answer to a command: one whole one-line reply in one chunk, read without a regex
    if (this.buffer === '' && isOneLineReply(chunk)) {
      this.deliver({ code: replyCode(chunk), text: chunk.slice(4, chunk.length - 2) });
      return;
    }
    this.buffer += chunk;
    // a reply ends with a line whose code is followed by a space (or nothing)
    for (;;) {
      const match = /^(\d{3})(?: [^\r\n]*)?\r?\n/m.exec(this.buffer);
      if (!match) return;
      const end = match.index + match[0].length;
      const lines = this.buffer.slice(0, end).split(/\r?\n/).filter(Boolean);
      this.buffer = this.buffer.slice(end);
      this.deliver({ code: Number(match[1]), text: lines.map((l) => l.slice(4)).join('\n') });
    }
  }

  private deliver(reply: Reply) {
    const reader = this.readers.shift();
    if (reader) reader.resolve(reply);
    else this.replies.push(reply);
  }

  private fail(err: Error) {
    if (this.failure) return;
    this.failure = err;
    this.broken = true;
    this.socket.destroy();
    for (const r of this.readers.splice(0)) r.reject(err);
  }
}

function replyError(reply: Reply, command: string): SmtpReplyError {
  const text = `${reply.code} ${reply.text.replace(/\n/g, ' ')}`;
  return new SmtpReplyError(text, reply.code, command, text);
}

/**
 * The DATA payload in one piece: RFC 5321 §4.5.2 dot-stuffing (a line starting with "." gets another)
 * and the closing "<CRLF>.<CRLF>". Our own MIME never has a line starting with "." (base64 bodies), so
 * the common case is one copy found by a native search.
 */
export function dotStuffed(message: Buffer): Buffer {
  return Buffer.concat(dotStuffedParts(message));
}

/** dotStuffed as the message (untouched, the common case) and what closes it, to be written one after the other. */
function dotStuffedParts(message: Buffer): [Buffer, Buffer] {
  const endsWithCrlf = message.length >= 2 && message[message.length - 2] === 13 && message[message.length - 1] === 10;
  if (message[0] !== 0x2e && message.indexOf(CRLF_DOT) === -1) return [message, endsWithCrlf ? DOT_LINE : CRLF_DOT_LINE];
  const text = message.toString('latin1');
  const stuffed = (text.startsWith('.') ? '.' : '') + text.replace(/\r\n\./g, '\r\n..');
  const body = stuffed.endsWith('\r\n') ? stuffed.slice(0, -2) : stuffed;
  return [Buffer.from(body, 'latin1'), CRLF_DOT_LINE];
}

const CRLF_DOT = Buffer.from('\r\n.');
const DOT_LINE = Buffer.from('.\r\n');
const CRLF_DOT_LINE = Buffer.from('\r\n.\r\n');

/** "250 text\r\n" and nothing more: a three-digit code, a space, one line. */
function isOneLineReply(chunk: string): boolean {
  const n = chunk.length;
  return n >= 6 && chunk.charCodeAt(3) === 32 && chunk.charCodeAt(n - 2) === 13 && chunk.charCodeAt(n - 1) === 10
    && isDigit(chunk.charCodeAt(0)) && isDigit(chunk.charCodeAt(1)) && isDigit(chunk.charCodeAt(2))
    && chunk.indexOf('\n') === n - 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function replyCode(line: string): number {
  return (line.charCodeAt(0) - 48) * 100 + (line.charCodeAt(1) - 48) * 10 + (line.charCodeAt(2) - 48);
}

/**
 * A plain connection reads its replies into one buffer of its own: by default Node allocates 64 KB for every
 * read and shrinks it to the few bytes of a reply, several times per mail in the thread that talks to the relay.
 */
const chunkReaders = new WeakMap<net.Socket, ChunkReader>();

/** Where a plain connection's reads go; what comes before a session attaches is kept for it. */
interface ChunkReader { onChunk: ((chunk: string) => void) | undefined; early: string }
const READ_BUFFER_BYTES = 16 * 1024;

function connectSocket(s: SmtpSettings): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const reader: ChunkReader = { onChunk: undefined, early: '' };
    const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    const onread = {
      buffer,
      callback: (n: number) => {
        const chunk = buffer.toString('latin1', 0, n);
        if (reader.onChunk) reader.onChunk(chunk);
        else reader.early += chunk;
        return true;
      },
    };
    const socket = s.secure
      ? tls.connect({ host: s.host, port: s.port, servername: net.isIP(s.host) ? undefined : s.host, rejectUnauthorized: s.rejectUnauthorized })
      : net.connect({ host: s.host, port: s.port, onread });
    if (!s.secure) chunkReaders.set(socket, reader);
    socket.setTimeout(s.timeoutMs, () => socket.destroy(new Error(`no connection to ${s.host}:${s.port} in time`)));
    socket.once('error', (err) => reject(new SmtpReplyError(`cannot connect to ${s.host}:${s.port}: ${err.message}`, undefined, 'CONN')));
    socket.once(s.secure ? 'secureConnect' : 'connect', () => {
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}

function upgrade(socket: net.Socket, s: SmtpSettings): Promise<net.Socket> {
  socket.removeAllListeners('data');
  socket.removeAllListeners('close');
  socket.removeAllListeners('error');
  socket.removeAllListeners('timeout');
  return new Promise((resolve, reject) => {
    const secure = tls.connect({ socket, servername: net.isIP(s.host) ? undefined : s.host, rejectUnauthorized: s.rejectUnauthorized });
    secure.once('error', (err) => reject(new SmtpReplyError(`STARTTLS failed: ${err.message}`, undefined, 'STARTTLS')));
    secure.once('secureConnect', () => {
      secure.removeAllListeners('error');
      resolve(secure);
    });
  });
}
