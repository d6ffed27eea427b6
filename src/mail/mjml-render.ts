// MJML → HTML in a short-lived child process. MJML and what it loads take about 100 MB of memory that
// is never given back; a message is compiled once per send, so a sender or web process that only
// borrowed MJML for a moment keeps its memory flat. The child stays a few seconds for the next compile.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./mjml-child.ts', import.meta.url));
const LINGER_MS = 5_000;

let child: ChildProcess | undefined;
let lingering: NodeJS.Timeout | undefined;
let queue: Promise<unknown> = Promise.resolve();

export function renderMjml(source: string): Promise<string> {
  const run = queue.then(() => compileInChild(source));
  queue = run.catch(() => {});
  return run;
}

function compileInChild(source: string): Promise<string> {
  clearTimeout(lingering);
  child ??= fork(CHILD, [], { execPath: process.execPath, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' });
  const current = child;
  // held while compiling (the caller may have nothing else keeping the process alive), let go after
  current.ref();
  (current.channel as { ref?: () => void } | undefined)?.ref?.();
  return new Promise<string>((resolve, reject) => {
    const onExit = (code: number | null) => {
      child = undefined;
      reject(new Error(`the email layout could not be rendered (MJML process ended with ${code})`));
    };
    current.once('exit', onExit);
    current.once('message', (reply: { html?: string; error?: string }) => {
      current.off('exit', onExit);
      if (reply.html !== undefined) resolve(reply.html);
      else reject(new Error(`the email layout could not be rendered: ${reply.error}`));
    });
    current.send(source);
  }).finally(() => {
    lingering = setTimeout(() => {
      if (child === current) child = undefined;
      current.kill();
    }, LINGER_MS);
    lingering.unref();
    current.unref();
    (current.channel as { unref?: () => void } | undefined)?.unref?.();
  });
}
