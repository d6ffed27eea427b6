// npm run bench:burst — a storm's first minute: CONNECTIONS supporters at once load the action page and press
// a network's button, against Outcry (SQLite, a live storm) and, in the same run, against a bare node:http
// server giving the same page and the same 302. Each server and the load run in their own processes.
// BENCH_SECONDS (default 10) per side, BENCH_CONNECTIONS (1000), BENCH_WARMUP_SECONDS (2). Each supporter is
// followed at once by the next on the same connection (the most the server can take); BENCH_RATE=N makes
// N supporters a second arrive instead (latency at a given load). The last line is JSON:
// {rps, baseline_rps, ratio, p99_ms, events_sent, events_stored}; events_stored counts the post_started rows
// in the database after Outcry has shut down; cpu_us_per_request and baseline_cpu_us_per_request, each server's CPU
// time (all its threads) per request over the whole load, which other work on the machine moves less than the rates;
// load_cpu_us_per_request and baseline_load_cpu_us_per_request, the load generator's, on the same cores.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../src/config/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { stormEventTotals } from '../src/modules/tracking/index.ts';
import { runToJson, startServerChild } from './burst/child.ts';

interface Load { requests: number; rps: number; p50_ms: number; p99_ms: number; events_sent: number; errors: number; statuses: Record<string, number>; cpu_us_per_request: number }

const seconds = process.env.BENCH_SECONDS ?? '10';
const connections = process.env.BENCH_CONNECTIONS ?? '1000';
const warmup = process.env.BENCH_WARMUP_SECONDS ?? '2';
const rate = process.env.BENCH_RATE ?? '0';
const dir = mkdtempSync(join(tmpdir(), 'outcry-bench-burst-'));
const env = {
  ...process.env,
  OUTCRY_DATA: dir,
  PUBLIC_URL: 'https://storm.example.org',
  LOG_LEVEL: 'warn',
  PUBLIC_POSTS_POLL_SECONDS: '0',
  DATABASE_URL: '', // this benchmark is the embedded mode's
};
const load = (baseUrl: string, slug: string) => runToJson<Load>('load.ts', [baseUrl, slug, seconds, connections, warmup, rate], env);

try {
  console.error(`Outcry: ${connections} supporters for ${warmup} + ${seconds} s…`);
  const outcry = await startServerChild<{ port: number; slug: string; storm_id: number }>('outcry-server.ts', [], env);
  const { port, slug, storm_id: stormId } = outcry.info;
  const baseUrl = `http://127.0.0.1:${port}`;
  // the baseline serves this very page, so both send the same bytes
  const page = await fetch(`${baseUrl}/s/${slug}`, { headers: { accept: 'text/html' } });
  writeFileSync(join(dir, 'page.html'), await page.text());
  let measured: Load;
  let outcryCpu: number | undefined;
  try {
    const before = outcry.cpuMs();
    measured = await load(baseUrl, slug);
    outcryCpu = cpuPerRequest(before, outcry.cpuMs(), measured);
  } finally {
    await outcry.stop();
  }
  console.error(JSON.stringify(measured));

  const db = openDatabase({ dataDir: readConfig(env).dataDir });
  await migrateToLatest(db);
  const stored = (await stormEventTotals({ db }, stormId)).posts;
  await db.destroy();

  console.error('baseline: a bare node:http server with the same page…');
  const baseline = await startServerChild<{ port: number }>('baseline-server.ts', [slug, join(dir, 'page.html')], env);
  let base: Load;
  let baselineCpu: number | undefined;
  try {
    const before = baseline.cpuMs();
    base = await load(`http://127.0.0.1:${baseline.info.port}`, slug);
    baselineCpu = cpuPerRequest(before, baseline.cpuMs(), base);
  } finally {
    await baseline.stop();
  }
  console.error(JSON.stringify(base));

  console.log(JSON.stringify({
    rps: Math.round(measured.rps),
    baseline_rps: Math.round(base.rps),
    ratio: round(measured.rps / base.rps),
    p99_ms: round(measured.p99_ms),
    baseline_p99_ms: round(base.p99_ms),
    events_sent: measured.events_sent,
    events_stored: stored,
    // the server's CPU time per request (all its threads), over the whole load, warm-up too: steadier than
    // the rates when other work shares the machine
    cpu_us_per_request: outcryCpu,
    baseline_cpu_us_per_request: baselineCpu,
    // the load generator's own, on the same cores: what it takes is not the server's
    load_cpu_us_per_request: measured.cpu_us_per_request,
    baseline_load_cpu_us_per_request: base.cpu_us_per_request,
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Each supporter is a page and a press of the button: two requests per event sent. */
function cpuPerRequest(before: number | undefined, after: number | undefined, load: Load): number | undefined {
  if (before === undefined || after === undefined || load.events_sent === 0) return undefined;
  return Math.round(((after - before) * 1000) / (2 * load.events_sent));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
