// The few real differences between SQLite and PostgreSQL, each behind one name.
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';

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
