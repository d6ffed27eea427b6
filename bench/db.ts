// npm run bench:db — the database at an organisation's full size: 1,000,000 supporters and 10,000,000
// delivery rows (--people, --deliveries), on PostgreSQL (DATABASE_URL or OUTCRY_TEST_PG_URL; a database
// outcry_bench_<pid> is made and dropped) or --sqlite. Builds the data set on the server, migrated by the
// product's migrator, then times the supporter list and its filters, segment counts, a person's page, a
// storm's and a message's numbers through the real app. Progress and a table go to stderr; the last line
// of stdout is JSON: {people, deliveries, dialect, build_seconds, timings_ms, slowest_ms, target_ms, ok,
// estimated_totals, load_average}. --keep leaves the database, --reuse NAME times a kept one again.
import { availableParallelism, loadavg } from 'node:os';
import { readConfig } from '../src/config/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { systemClock } from '../src/lib/clock.ts';
import { createApiToken } from '../src/modules/accounts/index.ts';
import { createRuntime } from '../src/runtime.ts';
import { buildDataSet } from './db/build.ts';
import { benchCases, discover, estimatedTotals } from './db/cases.ts';
import { timeCase, timingTable, type Timing } from './db/measure.ts';
import { readOptions } from './db/options.ts';
import { openTarget } from './db/target.ts';

const TARGET_MS = 200;
const options = readOptions(process.argv.slice(2));
const log = (line: string) => console.error(line);
const target = await openTarget(options);
const config = readConfig({
  ...process.env,
  DATABASE_URL: target.databaseUrl ?? '',
  OUTCRY_DATA: target.dataDir,
  PUBLIC_URL: 'https://storm.example.org',
  LOG_LEVEL: 'warn',
  PUBLIC_POSTS_POLL_SECONDS: '0',
  SMTP_URL: '',
});

const keep = options.keep || options.reuse !== undefined;
try {
  let buildSeconds = 0;
  if (!options.reuse) {
    log(`building ${options.people.toLocaleString('en')} people and ${options.deliveries.toLocaleString('en')} delivery rows on ${target.dialect}…`);
    const start = performance.now();
    // one connection with no statement time-out: a bulk load's statements are long by design
    const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1, statementTimeoutMs: 0 });
    try {
      await migrateToLatest(db);
      await buildDataSet({ db, clock: systemClock, config }, options, log);
    } finally {
      await db.destroy();
    }
    buildSeconds = Math.round((performance.now() - start) / 100) / 10;
    log(`built in ${buildSeconds} s`);
  }

  // the product as it runs: its pool, its statement time-out, its migrations (any new index is made here)
  const rt = await createRuntime(config, { web: true, worker: false, logger: false });
  try {
    const { token } = await createApiToken(rt.deps, 'bench');
    const get = async (url: string) => {
      const res = await rt.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, accept: 'application/json, text/html' } });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 500)}`);
      return String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body;
    };
    const found = await discover(get);
    const cases = benchCases(rt.deps, get, found);
    const timings: Record<string, Timing> = {};
    // the machine's load while timing: figures from a busy machine are slower than the database is
    const loadBefore = loadavg()[0]!;
    for (const c of cases) {
      log(`timing ${c.name}…`);
      timings[c.name] = await timeCase(c, options.runs);
    }
    log('');
    log(timingTable(cases, timings, TARGET_MS));
    log(`load average (1 min) while timing: ${round(loadBefore)} → ${round(loadavg()[0]!)} on ${availableParallelism()} cores`);
    if (estimatedTotals.size > 0) log(`totals given as estimates (exact counting took longer than the list allows): ${[...estimatedTotals].join(', ')}`);
    const slowest = Math.max(...Object.values(timings).map((t) => t.p95));
    console.log(JSON.stringify({
      people: options.reuse ? found.people : options.people,
      deliveries: options.reuse ? found.deliveries : options.deliveries,
      dialect: target.dialect,
      build_seconds: buildSeconds,
      timings_ms: timings,
      slowest_ms: slowest,
      target_ms: TARGET_MS,
      ok: slowest <= TARGET_MS,
      estimated_totals: [...estimatedTotals],
      load_average: [round(loadBefore), round(loadavg()[0]!)],
    }));
  } finally {
    await rt.close();
  }
} finally {
  if (keep) log(`kept the database: --reuse ${target.name}${target.dialect === 'sqlite' ? ' --sqlite' : ''}`);
  else await target.drop();
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
