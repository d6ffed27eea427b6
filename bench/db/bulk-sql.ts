// The pieces of bulk-loading SQL that differ between PostgreSQL and SQLite, so each loader is written once.
// Rows are made on the server: a series of numbers (generate_series, or a recursive CTE on SQLite), random
// draws taken once per row in a MATERIALIZED CTE (SQLite would otherwise inline the subquery and draw again
// at every mention), and literal pick lists compiled to CASE expressions.
import { sql } from 'kysely';
import type { Db } from '../../src/db/schema.ts';

export interface BulkSql {
  pg: boolean;
  /** `WITH RECURSIVE s(g) AS (…)`: the numbers from..to, as column g of s; more CTEs may follow after a comma. */
  series(from: number, to: number): string;
  /** A uniform draw in [0, 1). */
  rnd(): string;
  /** An ISO timestamp column value from seconds since the epoch. */
  ts(epochSeconds: string): string;
  /** A timestamp column plus a number of seconds. */
  tsPlus(column: string, seconds: string): string;
  /** 22 hex characters, unique per `seed` (a token's shape: tracked links check the length and alphabet). */
  token(seed: string): string;
  /** A JSON object as text, from alternating key literals and value expressions. */
  json(pairs: [string, string][]): string;
  /** The whole part of a non-negative number, as an integer. */
  int(expr: string): string;
  text(expr: string): string;
  /** 22 characters that stand for the integer `k` (the same k gives the same text): a returning visitor's id. */
  hashText(k: string): string;
}

export function bulkSql(pg: boolean): BulkSql {
  return {
    pg,
    series: (from, to) => pg
      ? `WITH RECURSIVE s(g) AS (SELECT generate_series(${from}, ${to}))`
      : `WITH RECURSIVE s(g) AS (SELECT ${from} UNION ALL SELECT g + 1 FROM s WHERE g < ${to})`,
    rnd: () => (pg ? 'random()' : '(random() / 18446744073709551616.0 + 0.5)'),
    ts: (secs) => (pg ? `to_timestamp(${secs})` : `strftime('%Y-%m-%dT%H:%M:%fZ', ${secs}, 'unixepoch')`),
    tsPlus: (column, secs) => (pg
      ? `(${column} + make_interval(secs => ${secs}))`
      : `strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, '+' || (${secs}) || ' seconds')`),
    token: (seed) => (pg
      ? `substr(md5(cast(${seed} as text) || random()::text), 1, 22)`
      : `lower(hex(randomblob(11)))`),
    json: (pairs) => (pg
      ? `json_build_object(${pairs.map(([k, v]) => `${lit(k)}, ${v}`).join(', ')})::text`
      : `json_object(${pairs.map(([k, v]) => `${lit(k)}, ${v}`).join(', ')})`),
    int: (expr) => `cast(floor(${expr}) as integer)`,
    text: (expr) => `cast(${expr} as text)`,
    hashText: (k) => (pg
      ? `substr(md5(cast(${k} as text)), 1, 22)`
      : `substr(printf('%08x%08x%08x', (${k}) * 2654435761 % 4294967296, ${k}, (${k}) * 40503 % 65536), 1, 22)`),
  };
}

/** A SQL string literal. The bench's own constants only: never input. */
export function lit(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

/** Picks by weight with the draw `r`: CASE WHEN r < w1 THEN v1 WHEN r < w1+w2 THEN v2 … END. */
export function weighted(r: string, choices: readonly (readonly [string | number | null, number])[]): string {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let acc = 0;
  const arms = choices.slice(0, -1).map(([value, w]) => {
    acc += w / total;
    return `WHEN ${r} < ${acc.toFixed(6)} THEN ${sqlValue(value)}`;
  });
  return `CASE ${arms.join(' ')} ELSE ${sqlValue(choices.at(-1)![0])} END`;
}

/** The `index`-th of the values (index an integer expression in 0..n-1). */
export function nth(index: string, values: readonly (string | number)[]): string {
  return `CASE ${index} ${values.map((v, i) => `WHEN ${i} THEN ${sqlValue(v)}`).join(' ')} ELSE ${sqlValue(values[0]!)} END`;
}

function sqlValue(v: string | number | null): string {
  return typeof v === 'number' ? String(v) : lit(v);
}

export async function run(db: Db, text: string): Promise<number> {
  const result = await sql.raw(text).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The first column of the first row, as a number. */
export async function scalar(db: Db, text: string): Promise<number> {
  const result = await sql.raw<Record<string, unknown>>(text).execute(db);
  return Number(Object.values(result.rows[0] ?? {})[0] ?? 0);
}
