import { describe, expect, it } from 'vitest';
import { createHeapGrowthPolicy, SEND_HEAP_GROWING_PERCENT } from './heap-growth.ts';

function recorded() {
  const set: number[] = [];
  return { set, policy: createHeapGrowthPolicy((percent) => set.push(percent)) };
}

describe('heap growth policy', () => {
  it('leaves the start-up setting alone in a process that never relaxes it (a worker)', async () => {
    const { set, policy } = recorded();
    await policy.during(async () => 'sent');
    expect(set).toEqual([]);
  });

  it('holds the heap while any send runs in a web process, and lets V8 choose after the last', async () => {
    const { set, policy } = recorded();
    policy.relaxOutsideSends();
    expect(set).toEqual([0]);
    let endFirst!: () => void;
    const first = policy.during(() => new Promise<void>((resolve) => { endFirst = resolve; }));
    expect(set).toEqual([0, SEND_HEAP_GROWING_PERCENT]);
    await policy.during(async () => undefined);
    expect(set).toEqual([0, SEND_HEAP_GROWING_PERCENT]);
    endFirst();
    await first;
    expect(set).toEqual([0, SEND_HEAP_GROWING_PERCENT, 0]);
  });

  it('lets go when a send fails', async () => {
    const { set, policy } = recorded();
    policy.relaxOutsideSends();
    await expect(policy.during(async () => { throw new Error('relay gone'); })).rejects.toThrow('relay gone');
    expect(set).toEqual([0, SEND_HEAP_GROWING_PERCENT, 0]);
  });

  it('does not relax while a send runs', async () => {
    const { set, policy } = recorded();
    await policy.during(async () => {
      policy.relaxOutsideSends();
      expect(set).toEqual([]);
    });
    expect(set).toEqual([0]);
  });
});
