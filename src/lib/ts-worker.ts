// Worker threads that run our TypeScript without loading Node's type stripper in each of them. A thread that
// imports a .ts file loads the stripper (a WebAssembly build of SWC) into its own isolate: about 12 MB of
// resident memory per thread, for three or four threads in every Outcry process. Here the main thread, which
// has loaded it anyway, strips the thread's files (the entry and the .ts files it imports, found by reading
// the import lines) and hands them over; in the thread a module hook serves each from that list, by its
// own URL, so import.meta.url and relative imports are what they would be. A file not in the list (a
// dynamic import of a computed name) is stripped in the thread as before: slower to start, nothing else.
import module from 'node:module';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The key of workerData under which the thread finds its sources; removed before the entry runs. */
const SOURCES_KEY = '__outcryTsWorker';

/** CommonJS, run as the thread starts: registers the hook, then imports the entry. */
const BOOT = `
const { registerHooks } = require('node:module');
const { workerData } = require('node:worker_threads');
const { entry, sources } = workerData[${JSON.stringify(SOURCES_KEY)}];
delete workerData[${JSON.stringify(SOURCES_KEY)}];
registerHooks({
  load(url, context, nextLoad) {
    const source = sources[url];
    if (source === undefined) return nextLoad(url, context);
    delete sources[url]; // a module is loaded once: its text need not be kept here as well
    return { format: 'module', source, shortCircuit: true };
  },
});
import(entry).catch((err) => { setImmediate(() => { throw err; }); });
`;

/** Stripped sources by file URL, kept for the next thread (a write thread is started again after a failure). */
const stripped = new Map<string, string>();

/**
 * A worker running `entry` (a .ts file's URL), with the .ts files it imports statically and those of
 * `alsoImports` (modules the thread will import by a computed name) stripped here. `workerData` must be an
 * object (or absent). Where the stripper cannot be called from code, the worker simply runs the file.
 */
export function startTsWorker(entry: URL, options: WorkerOptions & { alsoImports?: Iterable<string> } = {}): Worker {
  const { alsoImports = [], ...workerOptions } = options;
  keepThreadsToTheirLimits();
  const data = workerOptions.workerData as unknown;
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    throw new TypeError('startTsWorker: workerData must be an object, for the sources travel beside its fields');
  }
  // both arrived in Node 22 minor releases (stripTypeScriptTypes in 22.13, registerHooks in 22.15)
  const able = typeof module.stripTypeScriptTypes === 'function' && typeof module.registerHooks === 'function';
  if (!able || entry.protocol !== 'file:') return new Worker(entry, workerOptions);
  const sources: Record<string, string> = {};
  for (const url of [entry.href, ...alsoImports]) collect(url, sources);
  return new Worker(BOOT, {
    ...workerOptions,
    eval: true,
    workerData: { ...(data as object | undefined), [SOURCES_KEY]: { entry: entry.href, sources } },
  });
}

/**
 * `--max-semi-space-size` (bin/node-flags.js) is meant for the main thread, but V8 reads it for every isolate
 * created while it is set, over a thread's own resourceLimits: each thread then grew a young generation of
 * 64 MB (a send's mail thread held a 72 MB heap with 7 MB in use). The main thread's heap was sized when the
 * process started, so the flag is cleared whenever a thread starts.
 */
function keepThreadsToTheirLimits(): void {
  v8.setFlagsFromString('--max-semi-space-size=0');
}

/** Adds the file and every .ts file it imports by a relative path, each once. */
function collect(url: string, sources: Record<string, string>): void {
  if (url in sources || !url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) return;
  let js = stripped.get(url);
  if (js === undefined) {
    try {
      js = strip(readFileSync(new URL(url), 'utf8'));
    } catch {
      // a file that is missing or does not parse is left to the thread's loader, which says so where it is imported
      return;
    }
    stripped.set(url, js);
  }
  sources[url] = js;
  for (const m of js.matchAll(IMPORTED)) collect(new URL(m[1] ?? m[2]!, url).href, sources);
}

/** `… from './x.ts'` (imports and re-exports) and `import './x.ts'` / `import('./x.ts')` with a literal path. */
const IMPORTED = /\bfrom\s*['"](\.{1,2}\/[^'"\n]+\.ts)['"]|\bimport\s*\(?\s*['"](\.{1,2}\/[^'"\n]+\.ts)['"]/g;

/** Node's own stripping (the loader's), without the one-time notice that calling it from code is experimental. */
function strip(code: string): string {
  const emitWarning = process.emitWarning;
  process.emitWarning = (() => undefined) as typeof process.emitWarning;
  try {
    return module.stripTypeScriptTypes(code, { mode: 'strip' });
  } finally {
    process.emitWarning = emitWarning;
  }
}
