import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSendRate } from './send-rate.ts';
import { createSenderLimitsTable } from './sender-limits.ts';

describe('send rate', () => {
  // a mail told to wait sleeps on a timer: fake ones, so none is left running after a test
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets a sender with no limits send at once', () => {
    const rate = createSendRate(() => 0);
    for (let i = 0; i < 1000; i++) expect(rate.take('a@example.org', { perSecond: 0, perHour: 0 })).toBeUndefined();
  });

  it('keeps each sender to its own limits, apart from the others', () => {
    let now = 0;
    const rate = createSendRate(() => now);
    const fast = { perSecond: 5, perHour: 0 };
    const slow = { perSecond: 2, perHour: 0 };
    const free = (sender: string, limits: typeof fast, n: number) => Array.from({ length: n }, () => rate.take(sender, limits)).filter((w) => w === undefined).length;
    // each starts with a full second's worth, then waits
    expect(free('fast@example.org', fast, 8)).toBe(5);
    expect(free('slow@example.org', slow, 8)).toBe(2);
    // the address in any case is the same sender
    expect(rate.take('FAST@example.org', fast)).toBeInstanceOf(Promise);
    now = 1000;
    expect(free('fast@example.org', fast, 8)).toBe(5);
    expect(free('slow@example.org', slow, 8)).toBe(2);
  });

  it('holds to messages an hour as well as a second', () => {
    let now = 0;
    const rate = createSendRate(() => now);
    const limits = { perSecond: 10, perHour: 12 };
    let sent = 0;
    for (let second = 0; second < 5; second++, now += 1000) {
      for (let i = 0; i < 10; i++) if (rate.take('a@example.org', limits) === undefined) sent++;
    }
    expect(sent).toBe(12);
  });

  it('sends at a rate under one a second: one message, then one every few seconds', () => {
    let now = 0;
    const rate = createSendRate(() => now);
    const limits = { perSecond: 0.5, perHour: 0 };
    let sent = 0;
    for (; now <= 10_000; now += 250) if (rate.take('a@example.org', limits) === undefined) sent++;
    expect(sent).toBe(6); // at 0, 2, 4, 6, 8 and 10 seconds
  });

  it('keeps what a sender has used when its limits change', () => {
    let now = 0;
    const rate = createSendRate(() => now);
    for (let i = 0; i < 100; i++) expect(rate.take('a@example.org', { perSecond: 1000, perHour: 100 })).toBeUndefined();
    // a faster pace a second does not give the hour a new allowance
    expect(rate.take('a@example.org', { perSecond: 999, perHour: 100 })).toBeInstanceOf(Promise);
    // nor a lower one more than it leaves
    const slow = createSendRate(() => now);
    for (let i = 0; i < 3; i++) slow.take('b@example.org', { perSecond: 3, perHour: 0 });
    expect(slow.take('b@example.org', { perSecond: 2, perHour: 0 })).toBeInstanceOf(Promise);

  });

  it('sends what waits by the sender\'s limits as they are when its turn comes', async () => {
    const rate = createSendRate();
    const limits = { perSecond: 1, perHour: 0 };
    rate.take('c@example.org', limits);
    let went = 0;
    for (let i = 0; i < 3; i++) void rate.take('c@example.org', limits)!.then(() => went++);
    // the limit is lifted while three wait: at their next look (a second on) all three go, not one a second
    expect(rate.take('c@example.org', { perSecond: 0, perHour: 0 })).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(went).toBe(3);
  });
});

describe('sender limits', () => {
  const table = () => createSenderLimitsTable({ connections: 5, perSecond: 0, perHour: 1000 });

  it('gives a sender without limits of its own the defaults', () => {
    expect(table().of('Anyone <anyone@example.org>')).toEqual({ connections: 5, perSecond: 0, perHour: 1000 });
  });

  it('finds a sender by its address in any case, each limit it left out being the default', () => {
    const t = table();
    t.replace(new Map([['Press@Example.org', { connections: 2, perSecond: 14 }]]));
    expect(t.of('Press Team <press@example.ORG>')).toEqual({ connections: 2, perSecond: 14, perHour: 1000 });
    expect(t.of('other@example.org')).toEqual({ connections: 5, perSecond: 0, perHour: 1000 });
    t.replace(new Map());
    expect(t.of('press@example.org').connections).toBe(5);
  });

  it('keeps limits saved later than a read that a save overtook', () => {
    const t = table();
    t.replace(new Map([['a@example.org', { connections: 2 }]]), 7);
    t.replace(new Map([['a@example.org', { connections: 9 }]]), 6);
    expect(t.of('a@example.org').connections).toBe(2);
    t.replace(new Map(), 8);
    expect(t.of('a@example.org').connections).toBe(5);
  });
});
