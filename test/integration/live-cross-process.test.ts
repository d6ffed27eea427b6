// Live numbers across web processes: two runtimes on one PostgreSQL database, each with its own HTTP port.
// A post made through one moves the counter and the dashboard streamed by the other (LISTEN/NOTIFY).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { createRuntime, type WebRuntime } from '../../src/runtime.ts';
import { skipReason } from '../helpers/databases.ts';
import { openStream } from '../helpers/event-stream-client.ts';
import { freePort, startTestApp } from '../helpers/test-app.ts';

const skip = skipReason('postgres');
if (skip) console.warn(`\n*** live numbers across processes: ${skip} ***\n`);

async function postThrough(baseUrl: string, slug: string) {
  const cookie = `oc_v=${randomToken()}`;
  const page = await (await fetch(`${baseUrl}/s/${slug}`, { headers: { cookie } })).text();
  const variant = /<input type="hidden" name="variant" value="(\d+)">/.exec(page)![1]!;
  const res = await fetch(`${baseUrl}/s/${slug}/post`, {
    method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ network: 'x', text: 'Stand with the Uyghurs tonight. #StandWithUyghurs', variant }),
  });
  expect(res.status).toBe(302);
}

describe.skipIf(!!skip)('live numbers across web processes [postgres]', () => {
  const clock = manualClock('2030-02-20T12:30:00Z');
  let a: Awaited<ReturnType<typeof startTestApp>>;
  let b: WebRuntime;
  let bUrl: string;

  beforeAll(async () => {
    a = await startTestApp('postgres', { clock, worker: false });
    const port = await freePort();
    b = await createRuntime({ ...a.runtime.deps.config, port }, { web: true, worker: false, clock, logger: false });
    await b.app.listen({ port, host: '127.0.0.1' });
    bUrl = `http://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(async () => {
    await b?.close();
    await a?.stop();
  }, 60_000);

  it('moves the counter and the dashboard streamed by one process when a supporter posts through the other', async () => {
    const storm = await a.api('POST', '/api/v1/storms', {
      title: 'Two processes', slug: 'two-processes', starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z',
      hashtags: ['StandWithUyghurs'], messages: [{ text: 'Stand with the Uyghurs tonight.' }],
    });
    expect(storm.status).toBe(201);
    const onA = await openStream(`${a.baseUrl}/s/two-processes/live`);
    const dashboardOnA = await openStream(`${a.baseUrl}/api/v1/storms/${storm.body.id}/live`, { authorization: `Bearer ${a.token}` });
    const onB = await openStream(`${bUrl}/s/two-processes/live`);
    try {
      await Promise.all([onA, onB].map((s) => s.next((e) => e.posted === 0)));
      await dashboardOnA.next((e) => e.posts_started_total === 0);

      await postThrough(bUrl, 'two-processes');
      await onA.next((e) => e.posted === 1, 3_000);
      await dashboardOnA.next((e) => e.posts_started_total === 1 && e.per_network.x === 1, 3_000);

      await postThrough(a.baseUrl, 'two-processes');
      await onB.next((e) => e.posted === 2, 3_000);
      await onA.next((e) => e.posted === 2, 3_000);
    } finally {
      [onA, onB, dashboardOnA].forEach((s) => s.close());
    }
  }, 30_000);
});
