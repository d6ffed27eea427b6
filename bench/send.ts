// npm run bench:send — Outcry's worker against a bare SMTP client, same sink, same run.
// BENCH_MESSAGES (default 100000) and SMTP_CONNECTIONS (default 10) shape it; DATABASE_URL runs it on
// PostgreSQL. The last line is JSON. BENCH_DEBUG=1 also shows what the children print and the processor
// time per message of each side.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRawSink } from './send/raw-sink.ts';
import { NODE_FLAGS } from '../bin/node-flags.js';

const messages = Number(process.env.BENCH_MESSAGES ?? 100_000);
const connections = Number(process.env.SMTP_CONNECTIONS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'outcry-bench-send-'));
const sink = await startRawSink();

const env = {
  ...process.env,
  OUTCRY_DATA: dir,
  SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  SMTP_CONNECTIONS: String(connections),
  PUBLIC_URL: 'https://storm.example.org',
  LOG_LEVEL: 'warn',
};
// asynchronous: the sink in this process must keep answering while a child sends to it
// with the V8 flags `outcry` runs with (bin/outcry.js)
// BENCH_PROFILE=outcry writes CPU profiles of the send (one per thread) to BENCH_PROFILE_DIR
const profile = (script: string, args: string[]) => process.env.BENCH_PROFILE === 'outcry' && script === 'outcry-send.ts' && args[0] === 'send'
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR ?? join(tmpdir(), 'outcry-bench-profiles')}`] : [];
const child = async (script: string, args: string[]) => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath,
    [...NODE_FLAGS, ...profile(script, args), join(import.meta.dirname, 'send', script), ...args], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (process.env.BENCH_DEBUG) process.stderr.write(stderr);
  return stdout;
};
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!);

try {
  console.error(`seeding ${messages} supporters…`);
  await child('outcry-send.ts', ['seed', String(messages)]);

  console.error('Outcry: sending…');
  const outcry = lastJson(await child('outcry-send.ts', ['send']));
  if (outcry.sent !== messages || sink.received() !== messages) {
    throw new Error(`expected ${messages} sent; Outcry says ${outcry.sent}, the sink got ${sink.received()}`);
  }

  console.error('baseline: a bare SMTP client replaying a pre-rendered message…');
  const messageFile = join(dir, 'message.eml');
  writeFileSync(messageFile, sink.firstMessage()!, 'latin1');
  const baseline = lastJson(await child('raw-client.ts', [String(sink.port), String(messages), String(connections), messageFile]));

  const msgsPerS = messages / outcry.seconds;
  const baselinePerS = messages / baseline.seconds;
  console.log(JSON.stringify({
    messages,
    seconds: round(outcry.seconds),
    msgs_per_s: Math.round(msgsPerS),
    baseline_msgs_per_s: Math.round(baselinePerS),
    ratio: round(msgsPerS / baselinePerS),
    peak_rss_mb: Math.round(outcry.peak_rss_mb),
  }));
  // BENCH_DEBUG: what each side's process spent on the processor per message (every thread together)
  if (process.env.BENCH_DEBUG) console.error(`CPU per message: Outcry ${Math.round(outcry.cpu_us / messages)} µs, baseline ${Math.round(baseline.cpu_us / messages)} µs`);
} finally {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
