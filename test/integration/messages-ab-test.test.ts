import { afterAll, beforeEach, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { startSmtpSink, type SinkMail } from '../helpers/smtp-sink.ts';
import { addTaggedSupporters, until, quietSink } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const SUBJECT_A = 'Storm on Sunday';
const SUBJECT_B = '{{ first_name }}, will you join the storm?';

const quiet = () => quietSink(sink, 500);

const messageOf = async (ctx: TestContext, id: number) => (await ctx.api('GET', `/api/v1/messages/${id}`)).body;
const trackedLinkIn = (mail: SinkMail) => /href="([^"]*\/l\/[^"]*)"/.exec(mail.parsed.html as string)![1]!.replace(/&amp;/g, '&');
const isB = (mail: SinkMail) => /^P\d+, will you join the storm\?$/.test(mail.parsed.subject ?? '');

async function startAbSend(ctx: TestContext, tag: string, count: number, abTest: object): Promise<number> {
  await addTaggedSupporters(ctx.runtime.deps.db, tag, count);
  const created = await ctx.api('POST', '/api/v1/messages', {
    subject: 'The message\'s own subject', body: 'Hi {{ first_name }}\n\n[Send your post](https://example.org/storm)',
    targets: { tags: [tag] }, ab_test: abTest,
  });
  expect(created.status).toBe(201);
  expect((await ctx.api('POST', `/api/v1/messages/${created.body.id}/send`)).status).toBe(202);
  return created.body.id;
}

describeEachDatabase('an A/B subject test', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('mails an even sample with the variants, holds the rest, and releases them with the subject most people clicked', async () => {
    const clock = ctx().runtime.deps.clock as ReturnType<typeof manualClock>;
    const tag = `ab-${dialect}`;
    const id = await startAbSend(ctx(), tag, 40, { subjects: [SUBJECT_A, SUBJECT_B], sample_percent: 50, decide_after_minutes: 60 });

    // the sample: half of 40, split evenly between the two subjects, personalised
    await sink.waitFor(20);
    expect(await quiet()).toBe(20);
    const sample = [...sink.mails];
    expect(sample.filter((m) => m.parsed.subject === SUBJECT_A)).toHaveLength(10);
    expect(sample.filter(isB)).toHaveLength(10);
    await until(async () => (await messageOf(ctx(), id)).statistics.sent === 20); // outcomes are written in batches
    let message = await messageOf(ctx(), id);
    expect(message.status).toBe('sending');
    expect(message.ab_test).toMatchObject({
      subjects: [SUBJECT_A, SUBJECT_B], sample_percent: 50, decide_after_minutes: 60, winner: null, decided_at: null,
      decide_at: new Date(clock.now().getTime() + 3_600_000).toISOString(),
    });
    expect(message.statistics).toMatchObject({ total: 40, sent: 20, queued: 20 });
    expect(message.statistics.ab_test).toEqual({
      variants: [{ subject: SUBJECT_A, sent: 10, clicked: 0 }, { subject: SUBJECT_B, sent: 10, clicked: 0 }], winner: null,
    });

    // three people who got B click, one who got A does (twice: still one person)
    const clickers = [...sample.filter(isB).slice(0, 3), sample.find((m) => m.parsed.subject === SUBJECT_A)!, sample.find((m) => m.parsed.subject === SUBJECT_A)!];
    for (const mail of clickers) expect((await fetch(trackedLinkIn(mail), { redirect: 'manual' })).status).toBe(302);

    // before the decision time nobody else is mailed
    clock.advance(59 * 60_000);
    await new Promise((r) => setTimeout(r, 2_500)); // a tick passes
    expect(sink.mails).toHaveLength(20);
    expect((await messageOf(ctx(), id)).ab_test.winner).toBeNull();

    clock.advance(2 * 60_000);
    await until(async () => (await messageOf(ctx(), id)).status === 'sent');
    const rest = sink.mails.slice(20);
    expect(rest).toHaveLength(20);
    expect(rest.every(isB)).toBe(true);
    // every recipient exactly one mail
    const addresses = sink.mails.map((m) => m.envelopeTo[0]);
    expect(new Set(addresses).size).toBe(40);
    expect(addresses.every((a) => a!.startsWith(`${tag}-`))).toBe(true);

    message = await messageOf(ctx(), id);
    expect(message.ab_test).toMatchObject({ winner: 1, decided_at: expect.any(String) });
    expect(Date.parse(message.ab_test.decided_at)).toBeGreaterThanOrEqual(Date.parse(message.ab_test.decide_at));
    expect(message.statistics).toMatchObject({ total: 40, sent: 40, queued: 0, clicked: 4 });
    expect(message.statistics.ab_test).toEqual({
      variants: [{ subject: SUBJECT_A, sent: 10, clicked: 1 }, { subject: SUBJECT_B, sent: 30, clicked: 3 }], winner: 1,
    });
  });

  it('gives a tie to the earlier subject', async () => {
    const clock = ctx().runtime.deps.clock as ReturnType<typeof manualClock>;
    const tag = `ab-tie-${dialect}`;
    const id = await startAbSend(ctx(), tag, 10, { subjects: [SUBJECT_B, SUBJECT_A], decide_after_minutes: 5 });
    await sink.waitFor(2); // 20% of 10: one per subject
    expect(await quiet()).toBe(2);
    expect(sink.mails.filter(isB)).toHaveLength(1);
    clock.advance(6 * 60_000);
    await until(async () => (await messageOf(ctx(), id)).status === 'sent');
    expect(sink.mails).toHaveLength(10);
    expect(sink.mails.filter(isB)).toHaveLength(9);
    expect((await messageOf(ctx(), id)).ab_test.winner).toBe(0);
  });

  it('sets and removes a test on a draft, refuses one that is not 2 to 4 different subjects, and refuses changes once sending', async () => {
    const { body: { id } } = await ctx().api('POST', '/api/v1/messages', { subject: 'Hi', body: 'Hello', targets: { tags: ['nobody'] } });
    expect((await messageOf(ctx(), id)).ab_test).toBeNull();
    const set = await ctx().api('PUT', `/api/v1/messages/${id}/ab-test`, { subjects: ['One', 'Two', 'Three'] });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ subjects: ['One', 'Two', 'Three'], sample_percent: 20, decide_after_minutes: 60, decide_at: null, winner: null, decided_at: null });
    expect((await messageOf(ctx(), id)).ab_test.subjects).toEqual(['One', 'Two', 'Three']);

    expect((await ctx().api('PUT', `/api/v1/messages/${id}/ab-test`, { subjects: ['Only one'] })).status).toBe(400);
    expect((await ctx().api('PUT', `/api/v1/messages/${id}/ab-test`, { subjects: ['a', 'b', 'c', 'd', 'e'] })).status).toBe(400);
    expect((await ctx().api('PUT', `/api/v1/messages/${id}/ab-test`, { subjects: ['a', 'b'], sample_percent: 51 })).status).toBe(400);
    const same = await ctx().api('PUT', `/api/v1/messages/${id}/ab-test`, { subjects: ['Same', ' Same '] });
    expect(same.status).toBe(422);
    const liquid = await ctx().api('PUT', `/api/v1/messages/${id}/ab-test`, { subjects: ['Fine', 'Hi {{ first_name | nope }}'] });
    expect(liquid.status).toBe(422);
    expect(liquid.body.invalid_params[0].name).toBe('ab_test.subjects.1');

    expect((await ctx().api('DELETE', `/api/v1/messages/${id}/ab-test`)).status).toBe(204);
    expect((await messageOf(ctx(), id)).ab_test).toBeNull();
    expect((await messageOf(ctx(), id)).statistics.ab_test).toBeNull();

    await ctx().api('POST', `/api/v1/messages/${id}/send`);
    await until(async () => (await messageOf(ctx(), id)).status === 'sent');
    const late = await ctx().api('PUT', `/api/v1/messages/${id}/ab-test`, { subjects: ['One', 'Two'] });
    expect(late.status).toBe(409);
  });

  it('describes the A/B test and opens tracking in the OpenAPI document', async () => {
    const doc = await (await fetch(`${ctx().baseUrl}/api/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toContain('/api/v1/messages/{id}/ab-test');
    const input = doc.paths['/api/v1/messages'].post.requestBody.content['application/json'].schema;
    expect(input.properties.ab_test.properties.subjects).toMatchObject({ minItems: 2, maxItems: 4 });
    expect(input.properties.track_opens).toMatchObject({ type: 'boolean', default: false });
    const view = doc.paths['/api/v1/messages/{id}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(view.properties.statistics.properties)).toEqual(expect.arrayContaining(['opened', 'opens_are_estimates', 'ab_test']));
  });
}, () => ({ env: { SMTP_URL: sink.url, SMTP_CONNECTIONS: '1' }, clock: manualClock('2030-03-01T10:00:00Z') }));
