// Group commits (record-event.ts, assignment-writer.ts) are most of what a storm's burst costs the embedded
// database: thousands of rows a second, each kept in several indexes. They run in a thread of their own,
// on a second connection to the same file, so that work is done beside the requests, not between them.
// Each runs while this process's own connection is held for it (Kysely queues every other query behind
// it), so it is ordered with the process's other queries as if it ran here: nothing lands under an open
// transaction. On PostgreSQL, or a database opened otherwise, the function simply runs here.
import type { Worker } from 'node:worker_threads';
import { Kysely, SqliteDialect, SqliteDriver, type Driver, type SqliteDialectConfig } from 'kysely';
import { startTsWorker } from '../lib/ts-worker.ts';
import { checkpointsStopped } from './checkpoint-thread.ts';
import { openSqliteFile } from './sqlite-file.ts';
import type { Database, Db } from './schema.ts';
import type { Answer, Call } from './write-thread.worker.ts';

const threads = new WeakMap<Db, WriteThread>();
/** Every module a write thread may be asked to import: stripped of types before the thread starts (lib/ts-worker.ts). */
const threadModules = new Set<string>();

/**
 * `fn` as it runs for a database: in its write thread when it has one. `module` is the import.meta.url of
 * the module that exports `fn` as `name` (a repository's), which the thread imports and calls with its own
 * connection; the arguments and the result cross between threads as structured clones.
 */
export function inWriteThread<A extends unknown[], R>(module: string, name: string, fn: (db: Db, ...args: A) => Promise<R>): (db: Db, ...args: A) => Promise<R> {
  threadModules.add(module);
  return (db, ...args) => {
    const thread = threads.get(db);
    if (!thread) return fn(db, ...args);
    return db.connection().execute(() => thread.call(module, name, args) as Promise<R>);
  };
}

/** The embedded database at `path`, with a write thread that starts on first use and stops with db.destroy(). */
export function openSqliteWithWriteThread(path: string): Db {
  const thread = new WriteThread(path);
  const db = new Kysely<Database>({ dialect: new ThreadedSqliteDialect({ database: openSqliteFile(path) }, thread) });
  threads.set(db, thread);
  return db;
}

class WriteThread {
  readonly #path: string;
  #worker: Worker | undefined;
  #next = 0;
  readonly #pending = new Map<number, { done: Promise<unknown>; resolve(value: unknown): void; reject(err: Error): void }>();

  constructor(path: string) {
    this.#path = path;
  }

  get path(): string {
    return this.#path;
  }

  call(module: string, name: string, args: unknown[]): Promise<unknown> {
    const worker = this.#worker ?? this.#start();
    const id = ++this.#next;
    let settle!: { resolve(value: unknown): void; reject(err: Error): void };
    const done = new Promise<unknown>((resolve, reject) => { settle = { resolve, reject }; });
    this.#pending.set(id, { done, ...settle });
    // the process stays up while a write is on its way, and only then
    if (this.#pending.size === 1) worker.ref();
    worker.postMessage({ id, module, name, args } satisfies Call);
    return done;
  }

  /** Waits for the writes on their way, then closes the thread's connection and ends it. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#pending.values()].map((p) => p.done));
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  #start(): Worker {
    // V8 sizes a thread's young generation by the machine's memory, up to 128 MB here; batches of rows need few
    const worker = startTsWorker(new URL('./write-thread.worker.ts', import.meta.url), {
      workerData: { path: this.#path }, resourceLimits: { maxYoungGenerationSizeMb: 8 }, alsoImports: threadModules,
    });
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const pending = this.#pending.get(answer.id);
      this.#pending.delete(answer.id);
      if (this.#pending.size === 0 && this.#worker === worker) worker.unref();
      if ('error' in answer) pending?.reject(Object.assign(new Error(answer.error.message), answer.error.code ? { code: answer.error.code } : {}));
      else pending?.resolve(answer.value);
    });
    // a thread that failed or ended is replaced by the next write; what was on its way fails with it
    const fail = (err: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const [id, pending] of this.#pending) {
        this.#pending.delete(id);
        pending.reject(err);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the database write thread ended (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}

class ThreadedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #thread: WriteThread;

  constructor(config: SqliteDialectConfig, thread: WriteThread) {
    super(config);
    this.#config = config;
    this.#thread = thread;
  }

  override createDriver(): Driver {
    return new ThreadedSqliteDriver(this.#config, this.#thread);
  }
}

class ThreadedSqliteDriver extends SqliteDriver {
  readonly #thread: WriteThread;

  constructor(config: SqliteDialectConfig, thread: WriteThread) {
    super(config);
    this.#thread = thread;
  }

  override async destroy(): Promise<void> {
    await this.#thread.close();
    await super.destroy();
    // the file's last connection has closed (and put the WAL back) by the time the database is said destroyed
    await checkpointsStopped(this.#thread.path);
  }
}
