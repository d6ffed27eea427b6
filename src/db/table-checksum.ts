// A table's fingerprint that means the same on SQLite and PostgreSQL: sha256 over one canonical JSON
// line per row, in primary-key order, with the columns in name order and timestamps as ISO 8601 in UTC
// (SQLite keeps them as text, PostgreSQL as timestamptz).
import { createHash } from 'node:crypto';
import type { TableInfo } from './catalog.repo.ts';
import type { Row } from './table-rows.repo.ts';

export interface TableHash {
  add(row: Row): void;
  rows(): number;
  digest(): string;
}

export function createTableHash(table: TableInfo): TableHash {
  const names = table.columns.map((c) => c.name).sort();
  const hash = createHash('sha256').update(`${table.name}\n${JSON.stringify(names)}\n`);
  let count = 0;
  return {
    add(row) {
      hash.update(`${JSON.stringify(names.map((n) => canonical(row[n])))}\n`);
      count++;
    },
    rows: () => count,
    digest: () => hash.digest('hex'),
  };
}

/** The row as both databases should hold it: timestamps as ISO strings in UTC. */
export function normaliseRow(table: TableInfo, row: Row): Row {
  const out: Row = { ...row };
  for (const c of table.columns) {
    if (c.type.startsWith('timestamp')) out[c.name] = isoTime(row[c.name]);
  }
  return out;
}

function isoTime(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return value;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? value : t.toISOString();
}

function canonical(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
}
