// The relay's connections in a thread of their own. In a large send the SMTP conversation (a write and a
// reply for each command, four per message) is as much work as everything else the sender does; in its
// own thread it runs beside the rendering and the database instead of between them. Messages cross in
// batches, one postMessage per turn of the event loop each way. The thread starts with the first message
// and keeps the process up only while messages are on their way.
import { Worker } from 'node:worker_threads';
import { SmtpReplyError } from './smtp-client.ts';
import type { SmtpPool, SmtpPoolOptions } from './smtp-pool.ts';
import type { Outcome, Outgoing } from './smtp-thread.worker.ts';

interface Waiting { resolve(reply: string): void; reject(err: Error): void }

export function createThreadedSmtpPool(options: SmtpPoolOptions): SmtpPool {
  let worker: Worker | undefined;
  let next = 0;
  let closed = false;
  const waiting = new Map<number, Waiting>();
  let outgoing: Outgoing[] = [];
  let transfer: ArrayBuffer[] = [];

  function start(): Worker {
    // a young generation of 8 MB: each message arrives as a buffer outside the heap, freed only by a collection,
    // and V8 would size it by the machine's memory (128 MB here); at 2 MB collecting cost a fifth of the thread
    const w = new Worker(new URL('./smtp-thread.worker.ts', import.meta.url), { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    w.unref();
    w.on('message', (outcomes: Outcome[]) => {
      for (const o of outcomes) {
        const w8 = waiting.get(o.id);
        waiting.delete(o.id);
        if (!w8) continue;
        if ('reply' in o) w8.resolve(o.reply);
        else w8.reject(new SmtpReplyError(o.error.message, o.error.responseCode, o.error.command ?? 'CONN', o.error.response));
      }
      if (waiting.size === 0 && worker === w) w.unref();
    });
    // a thread that failed takes what was on its way with it (tried again later, like a dropped connection);
    // the next message starts another
    const fail = (err: Error) => {
      if (worker === w) worker = undefined;
      for (const [id, w8] of waiting) {
        waiting.delete(id);
        w8.reject(new SmtpReplyError(`the mail thread stopped: ${err.message}`, undefined, 'CONN'));
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return w;
  }

  function flush(): void {
    const batch = outgoing;
    const moved = transfer;
    outgoing = [];
    transfer = [];
    worker ??= start();
    worker.ref();
    worker.postMessage(batch, moved);
  }

  return {
    send(envelope, message) {
      if (closed) return Promise.reject(new Error('the mail pool is closed'));
      const id = ++next;
      // a message in a buffer of its own is handed over, not copied
      const own = message.byteOffset === 0 && message.byteLength === message.buffer.byteLength && message.buffer instanceof ArrayBuffer;
      outgoing.push({ id, from: envelope.from, to: envelope.to, message: own ? message : new Uint8Array(message) });
      if (own) transfer.push(message.buffer as ArrayBuffer);
      if (outgoing.length === 1) setImmediate(flush);
      return new Promise<string>((resolve, reject) => waiting.set(id, { resolve, reject }));
    },
    close() {
      closed = true;
      if (outgoing.length > 0) flush();
      // the thread answers what it still has on its way, then ends
      worker?.postMessage('close');
      worker = undefined;
    },
  };
}
