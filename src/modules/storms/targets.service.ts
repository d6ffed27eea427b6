// A storm's targets as rows, and replacing the list on an edit. A target whose name is unchanged keeps its
// row (and id, so its numbers go on) with its handles brought up to date; a dropped one keeps its row, marked
// removed, as events name it.
import type { Db, StormTarget } from '../../db/schema.ts';
import { MENTION_NETWORKS, type Handles, type Target } from './target-handles.ts';
import { insertTargets, markTargetsRemoved, updateTarget } from './targets.repo.ts';

export interface StoredTarget extends Target {
  id: number;
}

export function targetOf(row: StormTarget): StoredTarget {
  const handles: Handles = {};
  for (const network of MENTION_NETWORKS) {
    const handle = row[`handle_${network}`];
    if (handle !== null) handles[network] = handle;
  }
  return { id: row.id, name: row.name, handles };
}

function columnsOf(target: Target, position: number) {
  return {
    position, name: target.name, handle_x: target.handles.x ?? null, handle_bluesky: target.handles.bluesky ?? null,
    handle_mastodon: target.handles.mastodon ?? null, handle_threads: target.handles.threads ?? null,
  };
}

export async function addTargets(trx: Db, stormId: number, targets: readonly Target[]): Promise<void> {
  await insertTargets(trx, targets.map((t, i) => ({ storm_id: stormId, ...columnsOf(t, i + 1), removed_at: null })));
}

/** Run inside the caller's transaction. `current` are the targets the storm has now. */
export async function replaceTargets(trx: Db, stormId: number, current: StormTarget[], next: readonly Target[], now: string): Promise<void> {
  const byName = new Map(current.map((row) => [row.name.toLowerCase(), row]));
  const added: Target[] = [];
  const positions: number[] = [];
  for (const [i, target] of next.entries()) {
    const row = byName.get(target.name.toLowerCase());
    if (row) {
      byName.delete(target.name.toLowerCase());
      await updateTarget(trx, row.id, columnsOf(target, i + 1));
    } else {
      added.push(target);
      positions.push(i + 1);
    }
  }
  await markTargetsRemoved(trx, [...byName.values()].map((row) => row.id), now);
  await insertTargets(trx, added.map((t, k) => ({ storm_id: stormId, ...columnsOf(t, positions[k]!), removed_at: null })));
}
