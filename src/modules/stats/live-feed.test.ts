// The shared reader behind every live stream: however many notifications arrive, it reads at most once per
// interval, answers a new subscriber at once with what it has, and sends only what changed.
import { describe, expect, it } from 'vitest';
import { createLiveFeed, type LiveSource } from './live-feed.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await sleep(10);
  expect(check()).toBe(true);
}

function counterSource() {
  let wake: (payload: unknown) => void = () => {};
  const state = { value: 0, reads: 0, maxAges: [] as number[] };
  const source: LiveSource = {
    listen: async (fn) => { wake = fn; return async () => { wake = () => {}; }; },
    relevant: (payload) => payload !== 'views only',
    read: async (maxAgeMs) => { state.reads += 1; state.maxAges.push(maxAgeMs); return { posted: state.value }; },
    resyncMs: 60_000,
  };
  return { source, state, notify: (payload: unknown = {}) => wake(payload) };
}

describe('a live feed', () => {
  it('reads once for a flood of notifications within its interval, and sends each change once', async () => {
    const { source, state, notify } = counterSource();
    const feed = createLiveFeed(source, { minIntervalMs: 200, onError: (err) => { throw err; } });
    const got: string[] = [];
    feed.add((json) => got.push(json));
    await until(() => got.length === 1);
    expect(got).toEqual(['{"posted":0}']);
    for (let i = 1; i <= 100; i++) {
      state.value = i;
      notify();
    }
    await until(() => got.length === 2);
    await sleep(300);
    expect(state.reads).toBe(2);
    expect(got).toEqual(['{"posted":0}', '{"posted":100}']);
    // a read woken by a notification only counts one begun after it
    expect(state.maxAges[1]).toBeLessThan(1_000);
    notify();
    notify('views only');
    await until(() => state.reads === 3);
    await sleep(300);
    expect(state.reads).toBe(3);
    expect(got).toHaveLength(2); // read again, nothing changed, nothing sent
    await feed.close();
  });

  it('gives a new subscriber the current value without reading again', async () => {
    const { source, state } = counterSource();
    const feed = createLiveFeed(source, { minIntervalMs: 200, onError: (err) => { throw err; } });
    feed.add(() => {});
    await until(() => state.reads === 1);
    await sleep(20);
    const late: string[] = [];
    feed.add((json) => late.push(json));
    expect(late).toEqual(['{"posted":0}']);
    expect(state.reads).toBe(1);
    await feed.close();
  });

  it('ignores notifications that cannot move the value', async () => {
    const { source, state, notify } = counterSource();
    const feed = createLiveFeed(source, { minIntervalMs: 10, onError: (err) => { throw err; } });
    await until(() => state.reads === 1);
    notify('views only');
    notify('views only');
    await sleep(50);
    expect(state.reads).toBe(1);
    await feed.close();
  });
});
