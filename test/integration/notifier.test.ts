// Notifications between processes, the building block of live counters: on PostgreSQL a notification
// published by one runtime reaches subscribers in another runtime on the same database (LISTEN/NOTIFY);
// on SQLite, where one process runs, it reaches the subscribers of the same runtime.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createRuntime } from '../../src/runtime.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

function collect() {
  const heard: unknown[] = [];
  return {
    heard,
    fn: (payload: unknown) => { heard.push(payload); },
    async waitFor(n: number, timeoutMs = 5_000) {
      const end = Date.now() + timeoutMs;
      while (heard.length < n) {
        if (Date.now() > end) throw new Error(`heard ${heard.length} of ${n} notifications`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

describeEachDatabase('notifications', (ctx, dialect) => {
  it('reach every subscriber of the channel in the publishing runtime, and nobody after unsubscribing', async () => {
    const notifier = ctx().runtime.deps.notifier;
    const a = collect();
    const b = collect();
    const other = collect();
    const offA = await notifier.subscribe('storm:1:stats', a.fn);
    await notifier.subscribe('storm:1:stats', b.fn);
    await notifier.subscribe('storm:2:stats', other.fn);

    await notifier.publish('storm:1:stats', { posts: 41 });
    await a.waitFor(1);
    await b.waitFor(1);
    expect(a.heard).toEqual([{ posts: 41 }]);
    expect(b.heard).toEqual([{ posts: 41 }]);

    await offA();
    await notifier.publish('storm:1:stats', { posts: 42 });
    await b.waitFor(2);
    expect(b.heard).toEqual([{ posts: 41 }, { posts: 42 }]);
    expect(a.heard).toHaveLength(1);
    expect(other.heard).toEqual([]);
  });

  it('refuses a channel name that is not one and a payload too big for NOTIFY', async () => {
    const notifier = ctx().runtime.deps.notifier;
    await expect(notifier.publish('Robert"); drop table people;--', {})).rejects.toThrow(/channel name/);
    await expect(notifier.publish('storm:1:stats', { text: 'x'.repeat(9_000) })).rejects.toThrow(/bytes/);
  });

  if (dialect === 'postgres') {
    it('published by one runtime, reach a subscriber in another runtime on the same database', async () => {
      const other = await createRuntime(ctx().runtime.deps.config, { web: false, worker: false, logger: false });
      try {
        const here = collect();
        const there = collect();
        await ctx().runtime.deps.notifier.subscribe('message:7:progress', here.fn);
        await other.deps.notifier.subscribe('message:7:progress', there.fn);

        await other.deps.notifier.publish('message:7:progress', { sent: 1200 });
        await here.waitFor(1);
        await ctx().runtime.deps.notifier.publish('message:7:progress', { sent: 1300 });
        await there.waitFor(2);
        await here.waitFor(2);
        expect(here.heard).toEqual([{ sent: 1200 }, { sent: 1300 }]);
        expect(there.heard).toEqual([{ sent: 1200 }, { sent: 1300 }]);
      } finally {
        await other.close();
      }
    });

    it('listen again after the database drops the listening connection', async () => {
      const notifier = ctx().runtime.deps.notifier;
      const heard = collect();
      await notifier.subscribe('storm:9:stats', heard.fn);
      const { rows } = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and application_name = 'outcry-notifier'`.execute(ctx().runtime.deps.db);
      expect(rows[0]!.n).toBeGreaterThan(0);
      // notifications sent while it reconnects are lost (they are hints); keep publishing until one lands
      const end = Date.now() + 10_000;
      while (heard.heard.length === 0 && Date.now() < end) {
        await notifier.publish('storm:9:stats', { views: 3 }).catch(() => {});
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(heard.heard[0]).toEqual({ views: 3 });
    });
  }
}, { worker: false });
