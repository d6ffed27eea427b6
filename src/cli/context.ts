// What every command shares: reading the config (flags over environment) and opening the system.
import { readConfig, type Config } from '../config/config.ts';
import { createRuntime, type Runtime } from '../runtime.ts';

export interface GlobalOptions {
  data?: string;
  port?: string;
}

export function configFrom(options: GlobalOptions): Config {
  return readConfig(process.env, {
    ...(options.data ? { dataDir: options.data } : {}),
    ...(options.port ? { port: Number(options.port) } : {}),
  });
}

/** Runs fn with the system opened for a one-off command (no HTTP server listening, no worker), then closes it. */
export async function withRuntime<T>(options: GlobalOptions, fn: (rt: Runtime) => Promise<T>, worker = false): Promise<T> {
  const rt = await createRuntime(configFrom(options), { web: false, worker, logger: false });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** Prints a clear one-line error and sets a failing exit code. */
export function fail(message: string): never {
  console.error(`outcry: ${message}`);
  process.exit(1);
}
