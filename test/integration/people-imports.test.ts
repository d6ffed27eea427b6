// Imports in the background: answered at once with an id, followed through their progress to the end,
// the refused rows downloadable as a CSV report with their row numbers; an import whose process stopped
// shows as interrupted.
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { until } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const csv = { 'content-type': 'text/csv' };

async function finished(ctx: TestContext, id: number) {
  let state: Record<string, unknown> = {};
  await until(async () => {
    state = (await ctx.api('GET', `/api/v1/imports/${id}`)).body;
    return state.status === 'done' || state.status === 'failed';
  }, 60_000);
  return state;
}

describeEachDatabase('imports in the background', (ctx) => {
  it('answers 202 at once, runs to done with its counts, and reports the refused rows with their row numbers', async () => {
    const lines = ['email,first_name,tags'];
    for (let i = 0; i < 1800; i++) lines.push(`async-${i}@imports.example.org,Person ${i},first`);
    lines[101] = 'not-an-address,Broken,first'; // row 102
    lines[1001] = 'other@imports.example.org,Short'; // row 1002: a cell missing
    lines.push('', 'async-0@imports.example.org,Again,second'); // a blank row, then a repeat: an update
    const file = `${lines.join('\n')}\n`;

    const res = await ctx().api('POST', '/api/v1/imports?tag=async', file, csv);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(Number) });
    const state = await finished(ctx(), res.body.id);
    expect(state).toMatchObject({
      id: res.body.id, status: 'done', tags: ['async'], rows_done: 1802, added: 1798, updated: 0, rejected: 2, error: null,
      bytes_total: Buffer.byteLength(file), bytes_done: Buffer.byteLength(file),
    });
    expect(Date.parse(state.finished_at as string)).toBeGreaterThanOrEqual(Date.parse(state.started_at as string));

    const report = await ctx().runtime.app.inject({ url: `/api/v1/imports/${res.body.id}/rejected.csv`, headers: { authorization: `Bearer ${ctx().token}` } });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(report.body, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['row', 'field', 'reason']);
    expect(rows.slice(1).map(([row, field]) => [row, field])).toEqual([['102', 'email'], ['1002', '']]);
    expect(rows[1]![2]).toMatch(/^not a valid address/);
    expect(rows[2]![2]).toBe('has 2 cells where the header has 3');

    const people = await ctx().api('GET', '/api/v1/people?tag=async&limit=1');
    expect(people.body.total).toBe(1798);
    const again = (await ctx().api('GET', '/api/v1/people?email=async-0@imports.example.org')).body.items[0];
    expect(again).toMatchObject({ given_name: 'Again' });
    expect(again.tags.sort()).toEqual(['async', 'first', 'second']);

    const list = await ctx().api('GET', '/api/v1/imports');
    expect(list.body.items[0]).toMatchObject({ id: res.body.id, status: 'done' });
  });

  it('refuses at once a file that cannot be imported at all, and starts nothing', async () => {
    const before = (await ctx().api('GET', '/api/v1/imports')).body.items.length;
    const noEmail = await ctx().api('POST', '/api/v1/imports', 'Name,Phone\nRahima,+1 555\n', csv);
    expect(noEmail.status).toBe(400);
    expect(noEmail.body).toMatchObject({ type: '/problems/no-email-column' });
    const empty = await ctx().api('POST', '/api/v1/imports', '', csv);
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ type: '/problems/empty-file' });
    const json = await ctx().api('POST', '/api/v1/imports', { email: 'x@example.org' });
    expect(json.status).toBe(415);
    expect((await ctx().api('GET', '/api/v1/imports')).body.items).toHaveLength(before);
    expect((await ctx().api('GET', '/api/v1/imports/999999')).status).toBe(404);
    expect((await ctx().api('GET', '/api/v1/imports/999999/rejected.csv')).status).toBe(404);
  });

  it('shows an import whose process stopped renewing it as failed, interrupted', async () => {
    const db = ctx().runtime.deps.db;
    const longAgo = new Date(Date.now() - 5 * 60_000).toISOString();
    const { id } = await db.insertInto('imports').values({
      status: 'running', tags: '[]', rows_done: 500, added: 480, updated: 20, rejected: 0, bytes_done: 9000, bytes_total: 90_000,
      error: null, created_at: longAgo, started_at: longAgo, heartbeat_at: longAgo, finished_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    const state = (await ctx().api('GET', `/api/v1/imports/${id}`)).body;
    expect(state).toMatchObject({ status: 'failed', rows_done: 500, added: 480 });
    expect(state.error).toMatch(/^interrupted/);
  });
});
