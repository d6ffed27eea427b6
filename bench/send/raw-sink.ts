// A minimal SMTP server for the benchmark, on 127.0.0.1: it says yes to everything, counts messages and
// keeps the first one whole (the baseline replays it). Deliberately bare, so the relay is never the limit.
import { createServer, type Server, type Socket } from 'node:net';

export interface RawSink {
  port: number;
  received(): number;
  firstMessage(): string | undefined;
  close(): Promise<void>;
}

const END_OF_DATA = '\r\n.\r\n';

export function startRawSink(): Promise<RawSink> {
  let count = 0;
  let first: string | undefined;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('latin1');
    socket.write('220 bench ESMTP\r\n');
    let buffer = '';
    let inData = false;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf(END_OF_DATA);
          if (end < 0) {
            // keep only what could be the start of the terminator, unless we still want the first message
            if (first !== undefined && buffer.length > 8) buffer = buffer.slice(-4);
            return;
          }
          if (first === undefined) first = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + END_OF_DATA.length);
          inData = false;
          count++;
          socket.write(`250 2.0.0 Ok: queued as ${count}\r\n`);
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith('EHLO')) socket.write('250-bench\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 52428800\r\n');
        else if (line.startsWith('DATA')) { inData = true; socket.write('354 go ahead\r\n'); }
        else if (line.startsWith('QUIT')) { socket.end('221 bye\r\n'); return; }
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        received: () => count,
        firstMessage: () => first,
        close: () => new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        }),
      });
    });
  });
}
