import type { Insertable } from 'kysely';
import { packedWriter, packRows, type PackedRows } from '../../db/packed-rows.ts';
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

/** The columns of an event row, in the order its values are packed in (db/packed-rows.ts). */
const COLUMNS: readonly (keyof EventRow)[] = ['kind', 'storm_id', 'variant_id', 'network', 'message_id', 'person_id', 'visitor', 'url', 'article_id', 'share_token', 'target_id', 'created_at'];

/** Events packed for the write thread: a burst's batches are handed over so. */
export const packEvents = (rows: readonly EventRow[]): PackedRows => packRows(rows, COLUMNS);

/** insertEvents for packed rows. */
export const insertPackedEvents = packedWriter<EventRow>(COLUMNS, (db, rows) => db.insertInto('events').values(rows));
