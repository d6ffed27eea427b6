import type { Deps } from '../../deps.ts';
import type { EventKind } from '../../db/schema.ts';

export interface NewEvent {
  kind: EventKind;
  storm_id?: number | null;
  variant_id?: number | null;
  network?: string | null;
  message_id?: number | null;
  person_id?: number | null;
  visitor?: string | null;
  url?: string | null;
}

export async function recordEvent(deps: Pick<Deps, 'db' | 'clock'>, event: NewEvent): Promise<void> {
  await deps.db.insertInto('events').values({
    kind: event.kind,
    storm_id: event.storm_id ?? null,
    variant_id: event.variant_id ?? null,
    network: event.network ?? null,
    message_id: event.message_id ?? null,
    person_id: event.person_id ?? null,
    visitor: event.visitor ?? null,
    url: event.url ?? null,
    created_at: deps.clock.now().toISOString(),
  }).execute();
}
