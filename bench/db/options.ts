// The command line of bench/db.ts: sizes, database, how many runs. Unknown flags are errors, not ignored.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  people: number;
  deliveries: number;
  sqlite: boolean;
  /** Timed runs per case, after one warm-up. */
  runs: number;
  /** Leave the database in place afterwards (its name or folder is printed), to EXPLAIN at leisure. */
  keep: boolean;
  /** Time an existing bench database (from --keep) instead of building one: a PostgreSQL name or a SQLite folder. */
  reuse: string | undefined;
}

export const USAGE = `node bench/db.ts [--people N] [--deliveries M] [--sqlite] [--runs R] [--keep] [--reuse NAME|DIR]
  PostgreSQL from DATABASE_URL or OUTCRY_TEST_PG_URL (a database outcry_bench_<pid> is created and dropped);
  --sqlite: the embedded database in a temporary folder. Defaults: 1,000,000 people, 10,000,000 deliveries, 7 runs.`;

export function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      people: { type: 'string', default: '1000000' },
      deliveries: { type: 'string', default: '10000000' },
      sqlite: { type: 'boolean', default: false },
      runs: { type: 'string', default: '7' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  const people = whole('--people', values.people, 1000);
  const deliveries = whole('--deliveries', values.deliveries, 1);
  return {
    people,
    deliveries,
    sqlite: values.sqlite,
    runs: whole('--runs', values.runs, 1),
    keep: values.keep,
    reuse: values.reuse,
  };
}

function whole(flag: string, raw: string, min: number): number {
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number of at least ${min} (got "${raw}")`);
  return n;
}
