// `npm run bench:db` at a toy size: the script builds its data set in a PostgreSQL database of its own
// (every table the numbers read, in the proportions of the real run), times every case through the app,
// and ends with the JSON line the README documents. PostgreSQL only: the large run is PostgreSQL's.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgUrl, skipReason } from '../helpers/databases.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PEOPLE = 2_000;
const DELIVERIES = 20_000;
const reason = skipReason('postgres');
if (reason) console.warn(`\n*** npm run bench:db: ${reason} ***\n`);

(reason ? describe.skip : describe)(`npm run bench:db${reason ? ` — ${reason}` : ''}`, () => {
  let result: Record<string, any>;
  let stderr: string;
  let database: string;
  let client: pg.Client;

  beforeAll(async () => {
    const out = await promisify(execFile)(process.execPath,
      ['bench/db.ts', '--people', String(PEOPLE), '--deliveries', String(DELIVERIES), '--runs', '1', '--keep'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: pgUrl }, encoding: 'utf8', maxBuffer: 1 << 24 });
    stderr = out.stderr;
    result = JSON.parse(out.stdout.trim().split('\n').at(-1)!);
    database = /--reuse (outcry_bench_\d+)/.exec(stderr)![1]!;
    const url = new URL(pgUrl!);
    url.pathname = `/${database}`;
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    if (!database) return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  const count = async (text: string) => Number((await client.query<{ n: string }>(text)).rows[0]!.n);

  it('prints its figures as the last line of JSON, one median and p95 per case', () => {
    expect(result).toMatchObject({ people: PEOPLE, deliveries: DELIVERIES, dialect: 'postgres', target_ms: 200 });
    expect(result.build_seconds).toBeGreaterThan(0);
    const timings = Object.entries(result.timings_ms as Record<string, { median: number; p95: number }>);
    expect(timings.map(([name]) => name)).toEqual(expect.arrayContaining([
      'people_list', 'people_tag_common', 'people_custom_field', 'people_q_prefix', 'people_deep_page', 'person_history',
      'people_tags_subscribed', 'audience_batch', 'storm_stats_live', 'storm_live_snapshot', 'message_stats',
    ]));
    for (const [, t] of timings) {
      expect(t.median).toBeGreaterThan(0);
      expect(t.p95).toBeGreaterThanOrEqual(t.median);
    }
    expect(result.slowest_ms).toBe(Math.max(...timings.map(([, t]) => t.p95)));
    expect(result.ok).toBe(result.slowest_ms <= 200);
    expect(stderr).toMatch(/people_list\s+[\d.]+ ms\s+[\d.]+ ms/);
  });

  it('builds the data set it says, through the product\'s migrations', async () => {
    expect(await count('SELECT count(*) AS n FROM people')).toBe(PEOPLE);
    expect(await count('SELECT count(*) AS n FROM message_recipients')).toBe(DELIVERIES);
    expect(await count("SELECT count(*) AS n FROM message_recipients WHERE status = 'sent'")).toBeGreaterThan(DELIVERIES * 0.5);
    // a delivery log entry per attempted recipient, a deferred first try for some
    expect(await count('SELECT count(*) AS n FROM delivery_attempts')).toBe(await count('SELECT coalesce(sum(attempts), 0) AS n FROM message_recipients'));
    expect(await count("SELECT count(DISTINCT kind) AS n FROM events WHERE kind IN ('page_view', 'post_started', 'post_reported', 'click', 'unsubscribe', 'open')")).toBe(6);
    expect(await count('SELECT count(DISTINCT tag) AS n FROM person_tags')).toBeGreaterThanOrEqual(25);
    expect(await count("SELECT count(*) AS n FROM people WHERE language = 'ug' AND custom_fields LIKE '%\"city\"%'")).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM kysely_migration WHERE name = '0010_scale_indexes'")).toBe(1);
    // the indexes the bulk load dropped for speed are all back
    expect(await count("SELECT count(*) AS n FROM pg_indexes WHERE indexname IN ('events_storm_visitor_idx', 'message_recipients_counts_idx', 'message_recipients_token_key', 'people_custom_fields_idx')")).toBe(4);
  });
});
