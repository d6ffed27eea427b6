// Builds the bench's data set in a migrated, empty database: people, storms with their events, messages
// with their delivery rows; then brings the planner's statistics up to date, as autovacuum would have.
import type { Deps } from '../../src/deps.ts';
import { bulkSql, run } from './bulk-sql.ts';
import { buildMessages } from './build-messages.ts';
import { buildPeople } from './build-people.ts';
import { buildStorms, stormViews } from './build-storms.ts';
import { withIndexesDeferred } from './deferred-indexes.ts';

const BULK_TABLES = ['people', 'person_tags', 'subscription_changes', 'bounce_events', 'message_recipients', 'delivery_attempts', 'events'];

export interface BuildSize { people: number; deliveries: number }

export async function buildDataSet(deps: Pick<Deps, 'db' | 'clock' | 'config'>, size: BuildSize, log: (line: string) => void): Promise<void> {
  const q = bulkSql(deps.config.databaseUrl !== undefined);
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const step = (name: string, total: number) => {
    const start = performance.now();
    let last = 0;
    return (done: number) => {
      // a line every few seconds, and the last
      if (done < total && performance.now() - last < 5000) return;
      last = performance.now();
      log(`  ${name}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${((performance.now() - start) / 1000).toFixed(0)} s)`);
    };
  };
  const load = async () => {
    await buildPeople(deps.db, q, size.people, now, step('people', size.people));
    await buildStorms(deps, q, size.people, now, step('storm page views', stormViews(size.people).reduce((a, b) => a + b, 0)));
    await buildMessages(deps, q, deps.config.publicUrl, size.people, size.deliveries, now, step('delivery rows', size.deliveries));
  };
  if (q.pg) await withIndexesDeferred(deps.db, BULK_TABLES, log, load);
  else await load();
  log('  statistics (VACUUM ANALYZE / ANALYZE)…');
  if (q.pg) {
    // people were given their ids; the identity goes on after them
    await run(deps.db, `SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT max(id) FROM people))`);
    // autovacuum would have done this on a live database; it also marks pages all-visible (index-only scans)
    await run(deps.db, 'VACUUM (ANALYZE)');
  } else {
    await run(deps.db, 'ANALYZE');
  }
}
