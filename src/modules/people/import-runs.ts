// Background imports run in the process that received the file, through the same importPeople as the
// synchronous API and the CLI. Progress goes to the imports table after every batch (500 rows), with the
// rows refused so far, so any web process can show it. A heartbeat renews the row every few seconds;
// a running import whose heartbeat stopped (its process died) is shown, and on a later start marked,
// failed as interrupted. Every batch stored before that stays stored.
import { createReadStream } from 'node:fs';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../db/schema.ts';
import { Problem } from '../../http/problem.ts';
import type { Upload } from './import-upload.ts';
import { importPeople, type ImportProgress } from './import.service.ts';
import {
  failStaleImports, finishImport, insertRejections, markImportRunning, recordImportProgress, touchImport, type ImportCounts,
} from './imports.repo.ts';

export const HEARTBEAT_MS = 5_000;
/** A running import not renewed for this long has lost its process. */
export const STALE_MS = 30_000;
export const INTERRUPTED = 'interrupted: the import stopped before the end of the file (the server stopped or restarted). '
  + 'The rows counted here are stored; import the file again to add the rest (rows already stored are only updated).';

type RunDeps = Pick<Deps, 'db' | 'clock' | 'secret' | 'log'>;

/** The imports this process is running, per database (a test process runs several apps at once). */
const runs = new WeakMap<Db, Map<number, { stop: AbortController; done: Promise<void> }>>();

export function launchImport(deps: RunDeps, id: number, upload: Upload, tags: string[]): void {
  let mine = runs.get(deps.db);
  if (!mine) runs.set(deps.db, mine = new Map());
  const stop = new AbortController();
  const done = runImport(deps, id, upload, tags, stop)
    .catch((err: unknown) => deps.log.error({ err, importId: id }, 'an import could not record its outcome'))
    .finally(() => { mine.delete(id); void upload.dispose(); });
  mine.set(id, { stop, done });
}

async function runImport(deps: RunDeps, id: number, upload: Upload, tags: string[], stop: AbortController): Promise<void> {
  const now = () => deps.clock.now().toISOString();
  if (!(await markImportRunning(deps.db, id, now()))) return;
  const heartbeat = setInterval(() => void touchImport(deps.db, id, now()).catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();
  let written = 0;
  let last: ImportCounts | undefined;
  const onProgress = async (p: ImportProgress) => {
    await insertRejections(deps.db, id, p.result.rejected.slice(written));
    written = p.result.rejected.length;
    last = countsOf(p);
    // declared interrupted meanwhile (this process looked dead): stop rather than run on unseen
    if (!(await recordImportProgress(deps.db, id, last, now()))) stop.abort(new Problem(409, 'interrupted', INTERRUPTED));
  };
  try {
    const source = createReadStream(upload.path, { signal: stop.signal });
    const result = await importPeople(deps, source, { tags, onProgress });
    await finishImport(deps.db, id, { status: 'done', error: null, counts: { ...last, rejected: result.rejected.length } }, now());
  } catch (err) {
    const error = stop.signal.aborted ? INTERRUPTED : reasonOf(err);
    if (!stop.signal.aborted && !(err instanceof Problem)) deps.log.error({ err, importId: id }, 'an import failed');
    await finishImport(deps.db, id, { status: 'failed', error, counts: last }, now());
  } finally {
    clearInterval(heartbeat);
  }
}

function countsOf(p: ImportProgress): ImportCounts {
  return { rows_done: p.rows, added: p.result.imported, updated: p.result.updated, rejected: p.result.rejected.length, bytes_done: p.bytes };
}

/** A problem says what went wrong in words safe to show; anything else is ours, and logged. */
function reasonOf(err: unknown): string {
  if (err instanceof Problem) return err.detail ? `${err.message}: ${err.detail}` : err.message;
  return 'the import failed unexpectedly; the rows counted here are stored';
}

/** Stops this process's imports (it is shutting down): each is recorded as interrupted. */
export async function stopImports(deps: Pick<Deps, 'db'>): Promise<void> {
  const mine = [...(runs.get(deps.db)?.values() ?? [])];
  for (const run of mine) run.stop.abort();
  await Promise.all(mine.map((run) => run.done));
}

/** Marks as failed the imports whose process stopped renewing them (run when a process starts). */
export async function failInterruptedImports(deps: Pick<Deps, 'db' | 'clock'>): Promise<number[]> {
  const now = deps.clock.now();
  return failStaleImports(deps.db, new Date(now.getTime() - STALE_MS).toISOString(), INTERRUPTED, now.toISOString());
}
