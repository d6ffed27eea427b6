// The few real differences between SQLite and PostgreSQL, each behind one name.
import { PostgresAdapter, sql, type CreateTableBuilder, type Expression, type Kysely, type RawBuilder } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds an auto-generated integer primary key named `id`. */
export function withIdColumn<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** The column type for timestamps: ISO strings in SQLite, timestamptz (read back as ISO strings) in PostgreSQL. */
export function timestampType(db: Kysely<any>) {
  return isPostgres(db) ? 'timestamptz' : 'text';
}

/** The column type for bytes (an uploaded image): blob in SQLite, bytea in PostgreSQL; both read back as a Buffer. */
export function binaryType(db: Kysely<any>) {
  return isPostgres(db) ? 'bytea' : 'blob';
}

/** An ISO timestamp column truncated to its minute, as 'YYYY-MM-DDTHH:MM'. */
export function minuteOf(db: Kysely<any>, column: string): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI')`
    : sql<string>`substr(${sql.ref(column)}, 1, 16)`;
}

/** A text column compared byte by byte, as SQLite does by default, so both databases sort it alike. */
export function bytewise(db: Kysely<any>, column: string): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`${sql.ref(column)} collate "C"` : sql<string>`${sql.ref(column)}`;
}

/** Above every character: a prefix followed by it bounds, byte by byte, all the texts that start with the prefix. */
const LAST_CHARACTER = '\u{10FFFF}';

/**
 * Rows whose text column starts with `prefix`, as a range compared byte by byte, so an index on the same
 * expression serves it (migration 0007). `caseless` compares lower(column) with lower(prefix), both
 * lower-cased by the database: PostgreSQL folds every script its locale knows, SQLite ASCII letters only.
 */
export function startsWith(db: Kysely<any>, column: string, prefix: string, options: { caseless?: boolean } = {}): RawBuilder<boolean> {
  const pg = isPostgres(db);
  const value = options.caseless ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  const expression = pg ? sql`(${value} collate "C")` : value;
  const start = options.caseless ? sql`lower(${prefix})` : sql`${prefix}`;
  return sql<boolean>`(${expression} >= ${start} and ${expression} < ${start} || ${LAST_CHARACTER})`;
}

/**
 * Rows whose JSON-object text column holds the string `value` under `key` (any key, as written). PostgreSQL
 * reads it as jsonb containment, which its GIN index on the column answers; SQLite walks the object.
 */
export function jsonHasString(db: Kysely<any>, column: string, key: string, value: string): RawBuilder<boolean> {
  return isPostgres(db)
    ? sql<boolean>`((${sql.ref(column)})::jsonb @> ${JSON.stringify({ [key]: value })}::jsonb)`
    : sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}) as j where j.key = ${key} and j.value = ${value})`;
}

/** The distinct keys of the JSON objects in the `json` column of a subquery's rows (Kysely puts it in parentheses). */
export function jsonObjectKeys(db: Kysely<any>, rows: Expression<{ json: string }>): RawBuilder<{ key: string }> {
  return isPostgres(db)
    ? sql<{ key: string }>`select distinct jsonb_object_keys((r.json)::jsonb) as key from ${rows} as r`
    : sql<{ key: string }>`select distinct j.key as key from ${rows} as r, json_each(r.json) as j`;
}
