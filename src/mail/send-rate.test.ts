import { describe, expect, it } from 'vitest';
import { createSendRate } from './send-rate.ts';
import { createSenderLimitsTable } from './sender-limits.ts';

describe('send rate', () => {
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

  it('starts a sender anew when its limits change', () => {
    const rate = createSendRate(() => 0);
    for (let i = 0; i < 3; i++) rate.take('a@example.org', { perSecond: 3, perHour: 0 });
    expect(rate.take('a@example.org', { perSecond: 3, perHour: 0 })).toBeInstanceOf(Promise);
    expect(rate.take('a@example.org', { perSecond: 50, perHour: 0 })).toBeUndefined();
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
});
