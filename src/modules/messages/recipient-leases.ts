// The recipients a send loop has claimed stay its own for as long as it holds them, however slowly it
// goes (a relay's rate limit, a busy machine): every third of the lease it moves their lease on. Should
// the process die, renewals stop and the recipients fall due for another worker when the lease ends.
// A loop that stalled past its lease may find some taken over by another worker: those it drops rather
// than mail them a second time.
import type { Deps } from '../../deps.ts';
import { renewLeases } from './recipients.repo.ts';

export interface RecipientLeases {
  /** Notes recipients just claimed with a lease until `leaseUntil`. */
  hold(ids: number[], leaseUntil: string): void;
  /** Recipients whose outcome is stored (or who were skipped) are no longer held. */
  release(ids: number[]): void;
  /** False once a recipient's lease was lost to another worker. */
  holds(id: number): boolean;
  stop(): void;
}

export function createRecipientLeases(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log'>): RecipientLeases {
  const held = new Map<number, string>();
  let renewing: Promise<void> | undefined;

  async function renew() {
    const byLease = new Map<string, number[]>();
    for (const [id, until] of held) {
      const ids = byLease.get(until);
      if (ids) ids.push(id);
      else byLease.set(until, [id]);
    }
    const leaseUntil = new Date(deps.clock.now().getTime() + deps.config.sendLeaseMs).toISOString();
    for (const [until, ids] of byLease) {
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const renewed = new Set(await renewLeases(deps.db, chunk, until, leaseUntil));
        for (const id of chunk) {
          // released meanwhile (its outcome was stored): nothing to do
          if (held.get(id) !== until) continue;
          if (renewed.has(id)) held.set(id, leaseUntil);
          else held.delete(id);
        }
      }
    }
  }

  const timer = setInterval(() => {
    if (renewing || held.size === 0) return;
    renewing = renew()
      .catch((err: unknown) => deps.log.warn({ err }, 'could not renew the lease of recipients being sent'))
      .finally(() => { renewing = undefined; });
  }, Math.max(100, Math.floor(deps.config.sendLeaseMs / 3)));
  timer.unref();

  return {
    hold(ids, leaseUntil) {
      for (const id of ids) held.set(id, leaseUntil);
    },
    release(ids) {
      for (const id of ids) held.delete(id);
    },
    holds: (id) => held.has(id),
    stop() {
      clearInterval(timer);
      held.clear();
    },
  };
}
