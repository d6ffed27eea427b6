// npm run bench:burst — a storm's first minute: CONNECTIONS supporters at once load the action page and press
// a network's button, against Outcry (SQLite, a live storm) and, in the same run, against a bare node:http
// server giving the same page and the same 302. Each server and the load run in their own processes.
// BENCH_SECONDS (default 10) per side, BENCH_CONNECTIONS (1000), BENCH_WARMUP_SECONDS (2). Each supporter is
// followed at once by the next on the same connection (the most the server can take); BENCH_RATE=N makes
// N supporters a second arrive instead (latency at a given load). The last line is JSON:
// {rps, baseline_rps, ratio, p99_ms, events_sent, events_stored}; events_stored counts the post_started rows
// in the database after Outcry has shut down.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../src/config/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { stormEventTotals } from '../src/modules/tracking/index.ts';
import { runToJson, startServerChild } from './burst/child.ts';

interface Load { requests: number; rps: number; p50_ms: number; p99_ms: number; events_sent: number; errors: number; statuses: Record<string, number> }

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
  try {
    measured = await load(baseUrl, slug);
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
  try {
    base = await load(`http://127.0.0.1:${baseline.info.port}`, slug);
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
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
