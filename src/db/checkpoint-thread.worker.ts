// The checkpoint thread's side (checkpoint-thread.ts): its own connection to the file, copying the WAL back
// in PASSIVE mode every CHECKPOINT_EVERY_MS until told to close. Once the WAL has been wholly copied and nothing
// written for a second, the writes have paused, and the WAL file is emptied (TRUNCATE, which holds writers
// back while it runs), so a burst does not leave it large on disk.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteFile } from './sqlite-file.ts';

const { path, everyMs } = workerData as { path: string; everyMs: number };
const QUIET_PASSES = Math.ceil(1000 / everyMs);
const file = openSqliteFile(path);
// never wait for another connection: PASSIVE does not anyway, and TRUNCATE waiting for a reader would hold
// every writer back meanwhile; it is simply tried again after the next quiet second
file.pragma('busy_timeout = 0');
let lastLog = 0;
let quiet = 0;
const timer = setInterval(() => {
  try {
    const [pass] = file.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    const log = pass?.log ?? 0;
    quiet = log > 0 && log === lastLog && pass!.checkpointed === log ? quiet + 1 : 0;
    lastLog = log;
    if (quiet >= QUIET_PASSES) {
      const [truncated] = file.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (truncated?.busy) quiet = 0;
    }
  } catch {
    // busy or the file went away: the next tick tries again, and a writer checkpoints past the safety line
  }
}, everyMs);

parentPort!.on('message', (message: unknown) => {
  if (message !== 'close') return;
  clearInterval(timer);
  // as the file's last connection it copies the WAL back and removes it: a reader finishing meanwhile is
  // waited for a moment, not taken for a reason to leave the WAL behind
  file.pragma('busy_timeout = 1000');
  file.close();
  parentPort!.close();
});
