// Child processes of the burst benchmark: a server that prints one JSON line when it listens and runs until
// told to stop, and the load generator, whose last line is JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../bin/node-flags.js';

export interface ServerChild<T> {
  info: T;
  /** The CPU time (user and system, all its threads) the process has used so far, in ms; undefined off Linux. */
  cpuMs(): number | undefined;
  /** SIGTERM, then waits for the process to end. */
  stop(): Promise<void>;
}

export async function startServerChild<T>(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<ServerChild<T>> {
  const child = spawn(process.execPath, [...execArgv(script), join(import.meta.dirname, script), ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
    child.once('exit', (code) => reject(new Error(`${script} ended (${code}) before it listened`)));
  });
  return {
    info,
    cpuMs: () => cpuMsOf(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** From /proc/<pid>/stat: utime and stime, in clock ticks (100 a second on Linux). */
function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export async function runToJson<T>(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, [...execArgv(script), join(import.meta.dirname, script), ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} failed (${code})`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

/**
 * BENCH_PROFILE=outcry (or baseline, load) runs that child under --cpu-prof; the .cpuprofile goes to
 * BENCH_PROFILE_DIR (default: outcry-bench-profiles in the system's temporary folder).
 */
function execArgv(script: string): string[] {
  // Outcry runs with the V8 flags `outcry` runs with (bin/outcry.js)
  const flags = script.startsWith('outcry') ? NODE_FLAGS : [];
  const which = process.env.BENCH_PROFILE;
  if (!which || !script.startsWith(which)) return flags;
  const dir = process.env.BENCH_PROFILE_DIR ?? join(tmpdir(), 'outcry-bench-profiles');
  console.error(`profiling ${script} into ${dir}`);
  return [...flags, '--cpu-prof', `--cpu-prof-dir=${dir}`];
}
