// A Server-Sent Events client for tests, over a real socket (node:http, one connection each): the events'
// data parsed as JSON, the retry: field and heartbeat comments seen, and a wait for an event that matches.
import { request, type IncomingHttpHeaders } from 'node:http';

export interface StreamClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** Each event's data, parsed, in order. */
  events: unknown[];
  retryMs: number | undefined;
  /** Resolves with the first event (already received or still to come) that matches. */
  next(match: (event: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openStream(url: string, headers: Record<string, string> = {}): Promise<StreamClient> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
      let buffer = '';
      let ended!: () => void;
      const waiters = new Set<() => void>();
      const client: StreamClient = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: [],
        retryMs: undefined,
        ended: new Promise<void>((r) => { ended = r; }),
        next(match, timeoutMs = 5_000) {
          return new Promise((done, fail) => {
            const check = () => {
              const found = client.events.find(match);
              if (found === undefined) return false;
              waiters.delete(check);
              clearTimeout(timer);
              done(found);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(client.events)}`));
            }, timeoutMs);
            if (!check()) waiters.add(check);
          });
        },
        close: () => req.destroy(),
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart());
          const retry = /^retry: ?(\d+)$/m.exec(block);
          if (retry) client.retryMs = Number(retry[1]);
          if (data.length) client.events.push(JSON.parse(data.join('\n')));
        }
        for (const check of [...waiters]) check();
      });
      res.on('end', () => ended());
      res.on('close', () => ended());
      res.on('error', () => ended());
      resolve(client);
    });
    req.on('error', reject);
    req.end();
  });
}
