// The baseline: the least a sender must do to hand N pre-rendered messages to a relay over C connections
// (no rendering, no database, no bookkeeping). Run as a child process; prints {seconds} as JSON.
import { connect, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';

const [port, total, connections, messageFile] = process.argv.slice(2);
const message = readFileSync(messageFile!, 'latin1');
const body = message.endsWith('\r\n') ? message : `${message}\r\n`;

/** One SMTP connection that sends commands one at a time and resolves each with the next reply. */
function open(): Promise<{ say(line: string): Promise<string>; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.setEncoding('latin1');
    let buffer = '';
    let waiting: ((reply: string) => void) | undefined;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      // a reply is complete at a line whose code is followed by a space
      for (;;) {
        const match = /^(\d{3}) [^\r\n]*\r\n/m.exec(buffer);
        if (!match) return;
        const end = match.index + match[0].length;
        const reply = buffer.slice(0, end);
        buffer = buffer.slice(end);
        const w = waiting;
        waiting = undefined;
        w?.(reply);
      }
    });
    socket.on('error', reject);
    const say = (line: string) => new Promise<string>((r) => { waiting = r; if (line) socket.write(line); });
    say('').then(() => resolve({ say, socket }));
  });
}

async function run(count: number) {
  const conn = await open();
  await conn.say('EHLO baseline\r\n');
  for (let i = 0; i < count; i++) {
    await conn.say('MAIL FROM:<bench@example.org>\r\n');
    await conn.say(`RCPT TO:<p${i}@example.org>\r\n`);
    await conn.say('DATA\r\n');
    const reply = await conn.say(`${body}.\r\n`);
    if (!reply.startsWith('250')) throw new Error(`refused: ${reply}`);
  }
  await conn.say('QUIT\r\n');
  conn.socket.destroy();
}

const n = Number(total);
const c = Number(connections);
const started = performance.now();
await Promise.all(Array.from({ length: c }, (_, i) => run(Math.floor(n / c) + (i < n % c ? 1 : 0))));
const cpu = process.cpuUsage();
console.log(JSON.stringify({ cpu_us: cpu.user + cpu.system, seconds: (performance.now() - started) / 1000 }));
