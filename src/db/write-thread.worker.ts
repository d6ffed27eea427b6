// The write thread's side (write-thread.ts): its own connection to the embedded database, on which it runs
// the repository functions it is asked to, one message at a time, and answers each with its result or error.
import { parentPort, workerData } from 'node:worker_threads';
import { Kysely, SqliteDialect } from 'kysely';
import { openSqliteFile } from './sqlite-file.ts';
import type { Database } from './schema.ts';

export interface Call { id: number; module: string; name: string; args: unknown[] }
export type Answer = { id: number; value: unknown } | { id: number; error: { message: string; code?: string } };

type RepoFunction = (db: Kysely<Database>, ...args: unknown[]) => Promise<unknown>;

const { path } = workerData as { path: string };
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqliteFile(path) }) });
const port = parentPort!;
/** The functions called so far, by module and name: a burst calls the same two thousands of times. */
const functions = new Map<string, RepoFunction>();

port.on('message', (call: Call | 'close') => {
  if (call === 'close') {
    void db.destroy().finally(() => port.close());
    return;
  }
  void run(call).then((answer) => port.postMessage(answer));
});

async function run({ id, module, name, args }: Call): Promise<Answer> {
  try {
    const key = `${module}#${name}`;
    let fn = functions.get(key);
    if (!fn) {
      const found = (await import(module) as Record<string, unknown>)[name];
      if (typeof found !== 'function') throw new Error(`${module} has no function ${name}`);
      functions.set(key, fn = found as RepoFunction);
    }
    return { id, value: await fn(db, ...args) };
  } catch (err) {
    const { message, code } = err as { message?: unknown; code?: unknown };
    return { id, error: { message: String(message ?? err), ...(typeof code === 'string' ? { code } : {}) } };
  }
}
