// One keep-alive HTTP/1.1 connection that sends a request at a time and resolves each with its response:
// status, Set-Cookie headers and body. The least a client can do, so the load generator is not what limits
// the rate (node:http's client costs more CPU per request than the bare server it is measuring).
import { connect, type Socket } from 'node:net';

export interface Answer { status: number; setCookie: string[]; body: string }

const HEAD_END = Buffer.from('\r\n\r\n');

export class HttpConnection {
  private socket: Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve(a: Answer): void; reject(e: Error): void } | undefined;
  private readonly host: string;
  private readonly port: number;

  constructor(host: string, port: number) {
    this.host = host;
    this.port = port;
  }

  request(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
    const socket = this.socket ?? this.open();
    const lines = [`${method} ${path} HTTP/1.1`, `host: ${this.host}:${this.port}`];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    if (method === 'POST') lines.push(`content-length: ${Buffer.byteLength(body)}`);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    const socket = connect(this.port, this.host);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    const fail = (err: Error) => {
      this.socket = undefined;
      this.buffer = Buffer.alloc(0);
      const p = this.pending;
      this.pending = undefined;
      p?.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    this.socket = socket;
    return socket;
  }

  private parse(): void {
    const headEnd = this.buffer.indexOf(HEAD_END);
    if (headEnd < 0 || !this.pending) return;
    const head = this.buffer.toString('latin1', 0, headEnd).split('\r\n');
    const status = Number(head[0]!.split(' ')[1]);
    let length = 0;
    const setCookie: string[] = [];
    for (let i = 1; i < head.length; i++) {
      const line = head[i]!;
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      if (name === 'content-length') length = Number(line.slice(colon + 1));
      else if (name === 'set-cookie') setCookie.push(line.slice(colon + 1).trim());
      else if (name === 'transfer-encoding') throw new Error('chunked responses are not expected here');
    }
    const start = headEnd + 4;
    if (this.buffer.length < start + length) return;
    const body = this.buffer.toString('utf8', start, start + length);
    this.buffer = this.buffer.subarray(start + length);
    const p = this.pending;
    this.pending = undefined;
    p.resolve({ status, setCookie, body });
  }
}
