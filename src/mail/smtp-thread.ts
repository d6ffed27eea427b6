// The relay's connections in a thread of their own. In a large send the SMTP conversation (a write and a
// reply for each command, four per message) is as much work as everything else the sender does; in its
// own thread it runs beside the rendering and the database instead of between them. Messages cross in
// batches, one postMessage per turn of the event loop each way. The thread starts with the first message
// and keeps the process up only while messages are on their way.
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../lib/ts-worker.ts';
import { SmtpReplyError } from './smtp-client.ts';
import type { SmtpPool, SmtpPoolOptions } from './smtp-pool.ts';
import type { Outcome, Outgoing } from './smtp-thread.worker.ts';

interface Waiting { resolve(reply: string): void; reject(err: Error): void }

interface Thread { worker: Worker; waiting: Map<number, Waiting> }

export function createThreadedSmtpPool(options: SmtpPoolOptions): SmtpPool {
  let thread: Thread | undefined;
  let next = 0;
  let closed = false;
  let outgoing: Outgoing[] = [];
  let waiters: Waiting[] = [];
  let transfer: ArrayBuffer[] = [];
  let flushing: NodeJS.Immediate | undefined;

  function start(): Thread {
    // a young generation of 8 MB: each message arrives as a buffer outside the heap, freed only by a collection,
    // and V8 would size it by the machine's memory (128 MB here); at 2 MB collecting cost a fifth of the thread
    const worker = startTsWorker(new URL('./smtp-thread.worker.ts', import.meta.url), { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    const started: Thread = { worker, waiting: new Map() };
    const { waiting } = started;
    worker.unref();
    worker.on('message', (outcomes: Outcome[]) => {
      for (const o of outcomes) {
        const w = waiting.get(o.id);
        waiting.delete(o.id);
        if (!w) continue;
        if ('reply' in o) w.resolve(o.reply);
        else w.reject(new SmtpReplyError(o.error.message, o.error.responseCode, o.error.command ?? 'CONN', o.error.response));
      }
      if (waiting.size === 0) worker.unref();
    });
    // a thread that failed takes what it had on its way with it (tried again later, like a dropped
    // connection), and only that: the next message starts another thread
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      if (thread === started) thread = undefined;
      for (const [id, w] of waiting) {
        waiting.delete(id);
        w.reject(new SmtpReplyError(`the mail thread stopped: ${err.message}`, undefined, 'CONN'));
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return started;
  }

  function flush(): void {
    flushing = undefined;
    if (outgoing.length === 0) return;
    const batch = outgoing;
    const theirs = waiters;
    const moved = transfer;
    outgoing = [];
    waiters = [];
    transfer = [];
    thread ??= start();
    batch.forEach((m, i) => thread!.waiting.set(m.id, theirs[i]!));
    thread.worker.ref();
    thread.worker.postMessage(batch, moved);
  }

  return {
    send(envelope, message, route) {
      if (closed) return Promise.reject(new Error('the mail pool is closed'));
      const id = ++next;
      // a message in a buffer of its own is handed over, not copied
      const own = message.byteOffset === 0 && message.byteLength === message.buffer.byteLength && message.buffer instanceof ArrayBuffer;
      outgoing.push({
        id, from: envelope.from, to: envelope.to, message: own ? message : new Uint8Array(message),
        sender: route?.sender ?? '', connections: route?.connections ?? options.connections,
      });
      if (own) transfer.push(message.buffer as ArrayBuffer);
      flushing ??= setImmediate(flush);
      return new Promise<string>((resolve, reject) => waiters.push({ resolve, reject }));
    },
    close() {
      closed = true;
      if (flushing) clearImmediate(flushing);
      flush();
      // the thread answers what it still has on its way, then ends
      thread?.worker.postMessage('close');
      thread = undefined;
    },
  };
}
