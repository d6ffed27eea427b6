import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

describe('group commit', () => {
  it('writes what arrives in one turn together, the latest of a key once, and settles every caller', async () => {
    const writes: string[][] = [];
    const store = groupCommit<{ k: string; v: string }>({ maxRows: 10, key: (i) => i.k, write: async (items) => { writes.push(items.map((i) => i.v)); } });
    await Promise.all([store({ k: 'a', v: 'a1' }), store({ k: 'b', v: 'b1' }), store({ k: 'a', v: 'a2' })]);
    expect(writes).toEqual([['b1', 'a2']]);
  });

  it('fails only the bad item when a write throws before it is under way', async () => {
    const store = groupCommit<number>({ maxRows: 10, isolateFailures: true, write: (items) => { if (items.includes(2)) throw new Error('bad'); return Promise.resolve(); } });
    const results = await Promise.allSettled([store(1), store(2), store(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('fails only the bad item when asked to isolate failures', async () => {
    const store = groupCommit<number>({ maxRows: 10, isolateFailures: true, write: async (items) => { if (items.includes(2)) throw new Error('bad'); } });
    const results = await Promise.allSettled([store(1), store(2), store(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
