// Copying the WAL back into the database file (a checkpoint) was half of what a storm's burst cost SQLite:
// random visitor ids in the indexes dirty hundreds of pages a commit, and every 10,000 pages the commit that
// crossed the line copied them all and synced the file, about 160 ms during which every request waiting for
// its row waited too. Checkpoints now run beside the writes, in a thread of their own on their own
// connection, in SQLite's PASSIVE mode, which never holds up a reader or a writer. A writer still
// checkpoints by itself if the WAL ever grows past the safety line (sqlite-file.ts).
import { isMainThread, Worker } from 'node:worker_threads';

/** How often the thread copies what the WAL holds. */
export const CHECKPOINT_EVERY_MS = 20;

interface Checkpoints { worker: Worker; users: number }

const running = new Map<string, Checkpoints>();

/**
 * Checkpoints for the file at `path` while at least one connection of this process keeps them (each
 * connection opened on the main thread does, until it is closed). Returns the release.
 */
export function keepCheckpointing(path: string): () => void {
  if (!isMainThread || path === ':memory:') return () => undefined;
  let checkpoints = running.get(path);
  if (!checkpoints) {
    const worker = new Worker(new URL('./checkpoint-thread.worker.ts', import.meta.url), {
      workerData: { path, everyMs: CHECKPOINT_EVERY_MS }, resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    // it never keeps the process up; a process that ends without closing leaves a file SQLite recovers from
    worker.unref();
    worker.on('error', () => running.delete(path));
    running.set(path, checkpoints = { worker, users: 0 });
  }
  checkpoints.users++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--checkpoints.users > 0) return;
    running.delete(path);
    checkpoints.worker.postMessage('close');
  };
}
