// The mail thread's side (smtp-thread.ts): the pool of relay connections, fed batches of messages and
// answering each with the relay's reply or the refusal, in batches of its own.
import { parentPort, workerData } from 'node:worker_threads';
import { createSmtpPool, type SmtpPoolOptions } from './smtp-pool.ts';
import type { SmtpReplyError } from './smtp-client.ts';

export interface Outgoing { id: number; from: string; to: string; message: Uint8Array }
export type Outcome = { id: number; reply: string } | { id: number; error: { message: string; responseCode?: number | undefined; command?: string; response?: string | undefined } };

const pool = createSmtpPool(workerData as SmtpPoolOptions);
const port = parentPort!;
let answers: Outcome[] = [];

let onTheirWay = 0;
let closing = false;

port.on('message', (batch: Outgoing[] | 'close') => {
  if (batch === 'close') {
    closing = true;
    pool.close();
    endIfDone();
    return;
  }
  for (const { id, from, to, message } of batch) {
    onTheirWay++;
    const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    pool.send({ from, to }, bytes).then((reply) => answer({ id, reply }), (err: SmtpReplyError) => answer({
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
