import { afterAll, beforeEach, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { addTaggedSupporters, until } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

async function compose(ctx: TestContext, tag: string): Promise<number> {
  const { body } = await ctx.api('POST', '/api/v1/messages', { subject: 'Sunday', body: 'Hi {{ first_name }}', targets: { tags: [tag] } });
  return body.id;
}

const schedule = (ctx: TestContext, id: number, body: object) => ctx.api('POST', `/api/v1/messages/${id}/send`, body);
const messageOf = async (ctx: TestContext, id: number) => (await ctx.api('GET', `/api/v1/messages/${id}`)).body;

describeEachDatabase('scheduling a send in a time zone', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('reads a local time in Europe/London as GMT in winter and as BST in summer, and keeps the zone', async () => {
    const id = await compose(ctx(), 'nobody');
    const winter = await schedule(ctx(), id, { at: '2026-02-20T19:00', timezone: 'Europe/London' });
    expect(winter.status).toBe(202);
    expect(winter.body).toEqual({ id, status: 'scheduled', scheduled_at: '2026-02-20T19:00:00.000Z', timezone: 'Europe/London' });

    const summer = await schedule(ctx(), id, { at: '2026-07-20 19:00', timezone: 'europe/london' });
    expect(summer.body).toMatchObject({ status: 'scheduled', scheduled_at: '2026-07-20T18:00:00.000Z', timezone: 'Europe/London' });
    expect(await messageOf(ctx(), id)).toMatchObject({ status: 'scheduled', scheduled_at: '2026-07-20T18:00:00.000Z', timezone: 'Europe/London' });
    const listed = (await ctx().api('GET', '/api/v1/messages')).body.items.find((m: { id: number }) => m.id === id);
    expect(listed.timezone).toBe('Europe/London');
    await ctx().api('POST', `/api/v1/messages/${id}/cancel`);
  });

  it('takes the earlier of a local time that happens twice when the clocks go back', async () => {
    const id = await compose(ctx(), 'nobody');
    const res = await schedule(ctx(), id, { at: '2026-10-25T01:30', timezone: 'Europe/London' });
    expect(res.body.scheduled_at).toBe('2026-10-25T00:30:00.000Z'); // 01:30 BST, not 01:30 GMT
    await ctx().api('POST', `/api/v1/messages/${id}/cancel`);
  });

  it('refuses a local time that does not exist in the zone because the clocks go forward', async () => {
    const id = await compose(ctx(), 'nobody');
    const res = await schedule(ctx(), id, { at: '2026-03-29T01:30', timezone: 'Europe/London' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: '/problems/nonexistent-local-time', title: '2026-03-29T01:30 does not exist in Europe/London' });
    expect(res.body.invalid_params).toEqual([{ name: 'at', reason: expect.stringContaining('does not exist') }]);
    expect(await messageOf(ctx(), id)).toMatchObject({ status: 'draft', scheduled_at: null, timezone: null });
  });

  it('refuses a local time without a zone, an unknown zone and a date that is not one', async () => {
    const id = await compose(ctx(), 'nobody');
    const noZone = await schedule(ctx(), id, { at: '2026-02-20T19:00' });
    expect(noZone.status).toBe(422);
    expect(noZone.body.invalid_params[0].name).toBe('timezone');
    const unknown = await schedule(ctx(), id, { at: '2026-02-20T19:00', timezone: 'Europe/Atlantis' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.invalid_params[0].name).toBe('timezone');
    const noDate = await schedule(ctx(), id, { at: '2026-02-30T19:00', timezone: 'Europe/London' });
    expect(noDate.status).toBe(422);
    expect(noDate.body.invalid_params[0].name).toBe('at');
    expect((await schedule(ctx(), id, { at: 'tomorrow at seven', timezone: 'Europe/London' })).status).toBe(400);
    expect((await messageOf(ctx(), id)).status).toBe('draft');
  });

  it('keeps a time with an offset as that instant, with the zone only for showing it', async () => {
    const id = await compose(ctx(), 'nobody');
    const res = await schedule(ctx(), id, { at: '2026-07-20T19:00:00+01:00', timezone: 'Asia/Tokyo' });
    expect(res.body).toMatchObject({ scheduled_at: '2026-07-20T18:00:00.000Z', timezone: 'Asia/Tokyo' });
    await ctx().api('POST', `/api/v1/messages/${id}/cancel`);
  });

  it('sends the message when the clock passes the local time, and not before', async () => {
    const clock = ctx().runtime.deps.clock as ReturnType<typeof manualClock>;
    const tag = `zoned-${dialect}`;
    await addTaggedSupporters(ctx().runtime.deps.db, tag, 2);
    const id = await compose(ctx(), tag);
    // 12:30 in Paris in January is 11:30 UTC; the clock reads 10:00 UTC
    const res = await schedule(ctx(), id, { at: '2026-01-10T12:30', timezone: 'Europe/Paris' });
    expect(res.body).toMatchObject({ status: 'scheduled', scheduled_at: '2026-01-10T11:30:00.000Z' });

    clock.set('2026-01-10T11:29:00Z');
    await new Promise((r) => setTimeout(r, 2_500)); // a tick passes
    expect(sink.mails).toHaveLength(0);
    expect((await messageOf(ctx(), id)).status).toBe('scheduled');

    clock.set('2026-01-10T11:30:01Z');
    await until(async () => (await messageOf(ctx(), id)).status === 'sent', 10_000);
    expect(sink.mails.map((m) => m.envelopeTo[0]).sort()).toEqual([`${tag}-000@example.org`, `${tag}-001@example.org`]);
    expect((await messageOf(ctx(), id)).sent_start_date).toBe('2026-01-10T11:30:01.000Z');
  });

  it('describes the time zone and the daylight-saving rules in the OpenAPI document', async () => {
    const doc = await (await fetch(`${ctx().baseUrl}/api/openapi.json`)).json();
    const body = doc.paths['/api/v1/messages/{id}/send'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(['at', 'timezone']);
    expect(body.properties.at.description).toMatch(/earlier/);
    expect(body.properties.at.description).toMatch(/nonexistent-local-time/);
  });
}, () => ({ env: { SMTP_URL: sink.url, SMTP_CONNECTIONS: '1' }, clock: manualClock('2026-01-10T10:00:00Z') }));
