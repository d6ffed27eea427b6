// A Server-Sent Events response (text/event-stream) written straight to the socket. Nothing in it may be
// held back on the way: no compression (no-transform), no proxy buffering (X-Accel-Buffering: no). It sets no
// cookie. retry: tells the browser when to reconnect after a drop, spread so a restart is not met by every
// browser in the same second.
import type { FastifyReply } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../../http/security-headers.ts';

/** A client this far behind (a stalled connection) is dropped; its browser reconnects and starts afresh. */
const MAX_BUFFERED_BYTES = 64 * 1024;

export interface EventStream {
  /** One event: the data field (JSON, on one line). */
  send(data: string): void;
  /** A comment line: keeps proxies and the browser from thinking the connection dead. */
  heartbeat(): void;
  end(): void;
  readonly closed: Promise<void>;
}

export function openEventStream(reply: FastifyReply, options: { retryMs: number }): EventStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    'X-Accel-Buffering': 'no',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  // the client may have gone while the stream was being set up: then there is no 'close' to wait for
  const closed = !res.socket || res.socket.destroyed ? Promise.resolve() : new Promise<void>((resolve) => res.once('close', resolve));
  function write(text: string) {
    if (res.destroyed || res.writableEnded) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
      return;
    }
    res.write(text);
  }
  write(`retry: ${options.retryMs}\n\n`);
  return {
    send: (data) => write(`data: ${data}\n\n`),
    heartbeat: () => write(':\n\n'),
    end() {
      if (!res.writableEnded) res.end();
    },
    closed,
  };
}
