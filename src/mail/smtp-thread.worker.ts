// The mail thread's side (smtp-thread.ts): the relay's connections, a pool per sender, fed batches of
// messages and answering each with the relay's reply or the refusal, in batches of its own.
import { parentPort, workerData } from 'node:worker_threads';
import { createSmtpPool, type ResizableSmtpPool, type SmtpPoolOptions } from './smtp-pool.ts';
import type { SmtpReplyError } from './smtp-client.ts';

/** A message, and whose connections carry it (`sender`, at most `connections` of them). */
export interface Outgoing { id: number; from: string; to: string; message: Uint8Array; sender: string; connections: number }
export type Outcome = { id: number; reply: string } | { id: number; error: { message: string; responseCode?: number | undefined; command?: string; response?: string | undefined } };

const options = workerData as SmtpPoolOptions;
/** Each sender's connections, opened as its first message comes, resized when its limit changes. */
const pools = new Map<string, ResizableSmtpPool>();
const port = parentPort!;

function poolFor(sender: string, connections: number): ResizableSmtpPool {
  let pool = pools.get(sender);
  if (!pool) pools.set(sender, pool = createSmtpPool({ ...options, connections }));
  else if (pool.connections !== connections) pool.setConnections(connections);
  return pool;
}

let answers: Outcome[] = [];

let onTheirWay = 0;
let closing = false;

port.on('message', (batch: Outgoing[] | 'close') => {
  if (batch === 'close') {
    closing = true;
    for (const pool of pools.values()) pool.close();
    endIfDone();
    return;
  }
  for (const { id, from, to, message, sender, connections } of batch) {
    onTheirWay++;
    const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    poolFor(sender, connections).send({ from, to }, bytes).then((reply) => answer({ id, reply }), (err: SmtpReplyError) => answer({
      id, error: { message: String(err?.message ?? err), responseCode: err?.responseCode, command: err?.command, response: err?.response },
    }));
  }
});

/**
 * Replies go back in batches: each message between threads wakes the other one, which costs about as much
 * as a command to the relay, so they are held for up to a millisecond (or 32 replies). When nothing else is
 * on its way (a test copy, the end of a send) the reply goes at once.
 */
function answer(outcome: Outcome): void {
  onTheirWay--;
  answers.push(outcome);
  if (answers.length >= ANSWER_BATCH || onTheirWay === 0) post();
  else held ??= setTimeout(post, 1);
}

const ANSWER_BATCH = 32;
let held: NodeJS.Timeout | undefined;

function post(): void {
  if (held) clearTimeout(held);
  held = undefined;
  const batch = answers;
  answers = [];
  port.postMessage(batch);
  endIfDone();
}

function endIfDone(): void {
  if (closing && onTheirWay === 0 && answers.length === 0) port.close();
}
