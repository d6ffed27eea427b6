import type { CompiledQuery, Insertable } from 'kysely';
import type { Db, EventKind, EventsTable } from '../../db/schema.ts';

export interface NewEvent {
  kind: EventKind;
  storm_id?: number | null;
  variant_id?: number | null;
  network?: string | null;
  message_id?: number | null;
  person_id?: number | null;
  visitor?: string | null;
  url?: string | null;
  article_id?: number | null;
  share_token?: string | null;
  /** post_started: the storm target (officials' list) the post addressed. */
  target_id?: number | null;
}

export type EventRow = Insertable<EventsTable>;

export function eventRow(event: NewEvent, at: string): EventRow {
  return {
    kind: event.kind,
    storm_id: event.storm_id ?? null,
    variant_id: event.variant_id ?? null,
    network: event.network ?? null,
    message_id: event.message_id ?? null,
    person_id: event.person_id ?? null,
    visitor: event.visitor ?? null,
    url: event.url ?? null,
    article_id: event.article_id ?? null,
    share_token: event.share_token ?? null,
    target_id: event.target_id ?? null,
    created_at: at,
  };
}

/** One statement for all of them: they are committed together or not at all. */
export async function insertEvents(db: Db, rows: EventRow[]): Promise<void> {
  await db.insertInto('events').values(rows).execute();
}

/** The columns of an event row, in the order packEvents lays out their values. */
const COLUMNS = ['kind', 'storm_id', 'variant_id', 'network', 'message_id', 'person_id', 'visitor', 'url', 'article_id', 'share_token', 'target_id', 'created_at'] as const;

/**
 * Rows as one flat list of their values, row after row, each in COLUMNS' order: what a burst's batches are
 * handed to the write thread as (cloning one list costs a fraction of cloning an object per row), and the
 * parameters of the statement that inserts them, as they are.
 */
export function packEvents(rows: readonly EventRow[]): unknown[] {
  const values: unknown[] = new Array(rows.length * COLUMNS.length);
  let i = 0;
  for (const row of rows) for (const column of COLUMNS) values[i++] = row[column] ?? null;
  return values;
}

const statements = new WeakMap<Db, Map<number, CompiledQuery>>();

/** insertEvents for packed rows: the statement for so many rows is compiled once per database and reused. */
export async function insertPackedEvents(db: Db, values: unknown[]): Promise<void> {
  const count = values.length / COLUMNS.length;
  let byCount = statements.get(db);
  if (!byCount) statements.set(db, byCount = new Map());
  let statement = byCount.get(count);
  if (!statement) {
    // each value is its column's place, so the compiled parameters show the order the values must come in
    const places = Object.fromEntries(COLUMNS.map((column, i) => [column, i])) as unknown as EventRow;
    statement = db.insertInto('events').values(Array.from({ length: count }, () => places)).compile();
    if (statement.parameters.some((p, i) => p !== i % COLUMNS.length)) throw new Error('the insert\'s parameters are not in the order of packEvents');
    byCount.set(count, statement);
  }
  await db.executeQuery({ ...statement, parameters: values });
}
