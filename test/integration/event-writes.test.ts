// Events are written by group commit (src/modules/tracking/record-event.ts): what a burst of supporters does
// lands in few statements, and yet each press is stored before its redirect is sent.
import { expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { recordEvent } from '../../src/modules/tracking/index.ts';
import { eventRow, insertEvents, insertPackedEvents, packEvents } from '../../src/modules/tracking/events.repo.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-02-20T12:30:00Z');

async function postStartedCount(ctx: TestContext, stormId: number): Promise<number> {
  const row = await ctx.runtime.deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('storm_id', '=', stormId).where('kind', '=', 'post_started').executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDatabase('writing events', (ctx, dialect) => {
  it('stores packed rows (as the write thread is handed them) exactly as the rows themselves', async () => {
    const { db } = ctx().runtime.deps;
    const at = '2030-02-20T12:30:00.000Z';
    const rows = [
      eventRow({ kind: 'page_view', storm_id: null, visitor: 'v1' }, at),
      eventRow({ kind: 'click', message_id: null, person_id: null, url: 'https://example.org/é?a=1&b=2', share_token: 'tok' }, at),
      eventRow({ kind: 'post_started', network: 'x', visitor: null, target_id: null }, at),
    ];
    const read = async () => (await db.selectFrom('events').selectAll().where('created_at', '=', at).orderBy('id').execute()).map(({ id: _, ...e }) => e);
    await insertEvents(db, rows);
    const plain = await read();
    await db.deleteFrom('events').where('created_at', '=', at).execute();
    // twice: the second insert of as many rows reuses the compiled statement
    await insertPackedEvents(db, packEvents(rows));
    expect(await read()).toEqual(plain);
    await insertPackedEvents(db, packEvents(rows));
    expect(await read()).toEqual([...plain, ...plain]);
    await db.deleteFrom('events').where('created_at', '=', at).execute();
  });

  it('stores the event of every press in a burst before its redirect is sent', async () => {
    const res = await ctx().api('POST', '/api/v1/storms', {
      title: 'Burst', slug: `burst-${dialect}`, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z',
      hashtags: ['GenocideGames'], messages: [{ text: 'The camps are still open.' }],
    });
    const stormId = res.body.id as number;
    const presses = Array.from({ length: 300 }, async (_, i) => {
      const answer = await fetch(`${ctx().baseUrl}/s/burst-${dialect}/post`, {
        method: 'POST', redirect: 'manual', body: new URLSearchParams({ network: i % 2 ? 'x' : 'bluesky', text: `Post ${i}` }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(answer.status).toBe(302);
      // the redirect is out: its event must already be there
      return postStartedCount(ctx(), stormId);
    });
    const seen = await Promise.all(presses);
    expect(seen.every((n) => n >= 1)).toBe(true);
    expect(await postStartedCount(ctx(), stormId)).toBe(300);
  });

  it('writes an event recorded inside a transaction with the transaction, and not when it rolls back', async () => {
    const db = ctx().runtime.deps.db;
    await db.transaction().execute(async (trx) => {
      await recordEvent({ db: trx, clock }, { kind: 'click', message_id: 990_001, url: 'https://example.org/kept' });
    });
    await expect(db.transaction().execute(async (trx) => {
      await recordEvent({ db: trx, clock }, { kind: 'click', message_id: 990_001, url: 'https://example.org/rolled-back' });
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    const urls = await db.selectFrom('events').select('url').where('message_id', '=', 990_001).execute();
    expect(urls).toEqual([{ url: 'https://example.org/kept' }]);
  });

  it('keeps a transaction whole while a burst of events is written beside it', async () => {
    const deps = ctx().runtime.deps;
    await recordEvent(deps, { kind: 'click', message_id: 990_003, url: 'https://example.org/before' });
    const burst: Promise<void>[] = [];
    await deps.db.transaction().execute(async (trx) => {
      // a read first: on SQLite the transaction now works on its own snapshot, which another write would make stale
      await trx.selectFrom('events').select('id').limit(1).execute();
      for (let i = 0; i < 50; i++) burst.push(recordEvent(deps, { kind: 'click', message_id: 990_003, url: `https://example.org/burst/${i}` }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await recordEvent({ db: trx, clock }, { kind: 'click', message_id: 990_003, url: 'https://example.org/in-transaction' });
    });
    await Promise.all(burst);
    const stored = await deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('message_id', '=', 990_003).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(52);
  });

  it('fails only the event that cannot be stored, not the others written with it', async () => {
    const deps = ctx().runtime.deps;
    const good = recordEvent(deps, { kind: 'click', message_id: 990_002, url: 'https://example.org/a' });
    // a value the column cannot take: a text where PostgreSQL wants an integer, a too-large integer for SQLite
    const bad = recordEvent(deps, { kind: 'click', message_id: 990_002, person_id: (dialect === 'postgres' ? 'not a number' : 2n ** 70n) as unknown as number });
    const alsoGood = recordEvent(deps, { kind: 'click', message_id: 990_002, url: 'https://example.org/b' });
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow();
    await expect(alsoGood).resolves.toBeUndefined();
    const urls = await deps.db.selectFrom('events').select('url').where('message_id', '=', 990_002).orderBy('id').execute();
    expect(urls).toEqual([{ url: 'https://example.org/a' }, { url: 'https://example.org/b' }]);
  });
}, { clock });
