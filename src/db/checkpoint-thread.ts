// Copying the WAL back into the database file (a checkpoint) was half of what a storm's burst cost SQLite:
// random visitor ids in the indexes dirty hundreds of pages a commit, and every 10,000 pages the commit that
// crossed the line copied them all and synced the file, about 160 ms during which every request waiting for
// its row waited too. Checkpoints now run beside the writes, in a thread of their own on their own
// connection, in SQLite's PASSIVE mode, which never holds up a reader or a writer. A writer still
// checkpoints by itself if the WAL ever grows past the safety line (sqlite-file.ts).
import { isMainThread, type Worker } from 'node:worker_threads';
import { startTsWorker } from '../lib/ts-worker.ts';

/**
 * How often the thread copies what the WAL holds. Each pass copies every page written since the last one
 * and syncs the file, so a page rewritten often (an index's last page, a batch of recipients marked sent)
 * is copied once per pass: at every 20 ms the thread took 15-35 µs of processor time per mail of a large
 * send and about 15 µs per request of a storm's burst; at 250 ms the WAL still stays far below the
 * writers' own checkpoint line, and a pass costs no more in the burst.
 */
export const CHECKPOINT_EVERY_MS = 250;

interface Checkpoints { worker: Worker; users: number; exited: Promise<void> }

const running = new Map<string, Checkpoints>();
const stopping = new Map<string, Promise<void>>();

/**
 * Checkpoints for the file at `path` while at least one connection of this process keeps them (each
 * connection opened on the main thread does, until it is closed). Returns the release.
 */
export function keepCheckpointing(path: string): () => void {
  if (!isMainThread || path === ':memory:') return () => undefined;
  let checkpoints = running.get(path);
  if (!checkpoints) {
    const worker = startTsWorker(new URL('./checkpoint-thread.worker.ts', import.meta.url), {
      workerData: { path, everyMs: CHECKPOINT_EVERY_MS }, resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    // it keeps the process up only while it closes (see the release); a process that ends without closing
    // leaves a file SQLite recovers from
    worker.unref();
    const started: Checkpoints = { worker, users: 0, exited: new Promise((resolve) => worker.once('exit', () => resolve())) };
    // a thread that failed is forgotten (only its own entry): the next connection starts another, and
    // meanwhile writers checkpoint by themselves at the safety line
    const forget = () => { if (running.get(path) === started) running.delete(path); };
    worker.on('error', (err) => {
      forget();
      process.emitWarning(`the checkpoint thread for ${path} failed: ${err.message}`);
    });
    void started.exited.then(forget);
    running.set(path, checkpoints = started);
  }
  const mine = checkpoints;
  mine.users++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--mine.users > 0) return;
    if (running.get(path) === mine) running.delete(path);
    // the thread's connection, the file's last, copies the WAL back and removes it as it closes: the
    // process waits for that, and so does checkpointsStopped
    mine.worker.ref();
    mine.worker.postMessage('close');
    const done = mine.exited.finally(() => { if (stopping.get(path) === done) stopping.delete(path); });
    stopping.set(path, done);
  };
}

/** Resolves once the checkpoint thread of `path` released last has closed its connection (a database's destroy waits for it). */
export async function checkpointsStopped(path: string): Promise<void> {
  await stopping.get(path);
}
