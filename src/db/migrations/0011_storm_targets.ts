// Messages that don't look like spam: a storm's targets (officials, with a handle per network), a weight per
// variant, and each supporter's assignment (variant, target, hashtag), kept so a returning supporter gets the
// same post and new ones go to whatever is furthest below its share. Events gain the target a post addressed.
// The old storms.targets (a JSON list of handles that nothing used) becomes rows of storm_targets.
import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);

  await withIdColumn(db, db.schema.createTable('storm_targets'))
    .addColumn('storm_id', 'integer', (c) => c.notNull().references('storms.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('handle_x', 'text')
    .addColumn('handle_bluesky', 'text')
    .addColumn('handle_mastodon', 'text')
    .addColumn('handle_threads', 'text')
    // like a variant, a target an edit drops keeps its row: events point at it
    .addColumn('removed_at', ts)
    .execute();
  await db.schema.createIndex('storm_targets_storm_idx').on('storm_targets').columns(['storm_id', 'position']).execute();

  await db.schema.alterTable('storm_variants').addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  // supporter: 'p:' + person id (from a personal link) or 'v:' + first-party visitor id
  await db.schema.createTable('storm_assignments')
    .addColumn('storm_id', 'integer', (c) => c.notNull().references('storms.id').onDelete('cascade'))
    .addColumn('supporter', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'integer', (c) => c.notNull())
    .addColumn('target_id', 'integer')
    .addColumn('hashtag', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('storm_assignments_pk', ['storm_id', 'supporter'])
    .execute();
  // the tallies a process starts from: assignments since the storm's last edit
  await db.schema.createIndex('storm_assignments_time_idx').on('storm_assignments').columns(['storm_id', 'created_at']).execute();

  await db.schema.alterTable('events').addColumn('target_id', 'integer').execute();

  const storms = await db.selectFrom('storms').select(['id', 'targets']).where('targets', '<>', '[]').execute();
  for (const storm of storms) {
    const rows = legacyTargets(storm.targets).map((handle, i) => ({
      storm_id: storm.id, position: i + 1, name: handle,
      handle_x: /^@?[A-Za-z0-9_]{1,15}$/.test(handle) ? `@${handle.replace(/^@/, '')}` : null,
      handle_bluesky: null, handle_mastodon: null, handle_threads: null, removed_at: null,
    }));
    if (rows.length > 0) await db.insertInto('storm_targets').values(rows).execute();
  }
  await db.schema.alterTable('storms').dropColumn('targets').execute();
}

function legacyTargets(json: string): string[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim()) : [];
  } catch {
    return [];
  }
}
