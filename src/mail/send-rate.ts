// A relay's or provider's limits (messages per second, per hour), as two token buckets per sender domain.
// In one process; several worker processes each keep their own (split the limit between them).

export interface SendRate {
  /** Resolves when one more message from this sender may go; undefined when it may go at once (most mails: no await). */
  take(sender: string): Promise<void> | undefined;
}

interface Bucket { tokens: number; at: number }

export function createSendRate(limits: { perSecond: number; perHour: number }, now: () => number = Date.now): SendRate {
  const rules = [
    { capacity: limits.perSecond, perMs: limits.perSecond / 1000 },
    { capacity: limits.perHour, perMs: limits.perHour / 3_600_000 },
  ].filter((r) => r.capacity > 0);
  const buckets = new Map<string, Bucket[]>();

  /** Milliseconds until every bucket of this sender has a token; takes them when that is 0. */
  function wait(key: string): number {
    const t = now();
    const list = buckets.get(key) ?? rules.map((r) => ({ tokens: r.capacity, at: t }));
    buckets.set(key, list);
    let longest = 0;
    rules.forEach((rule, i) => {
      const b = list[i]!;
      b.tokens = Math.min(rule.capacity, b.tokens + (t - b.at) * rule.perMs);
      b.at = t;
      if (b.tokens < 1) longest = Math.max(longest, Math.ceil((1 - b.tokens) / rule.perMs));
    });
    if (longest === 0) for (const b of list) b.tokens -= 1;
    return longest;
  }

  async function waitThenTake(key: string, first: number) {
    for (let ms = first; ms > 0; ms = wait(key)) await new Promise((r) => setTimeout(r, ms));
  }

  return {
    take(sender) {
      if (rules.length === 0) return undefined;
      const key = sender.split('@').pop()!.replace(/>.*$/, '').toLowerCase();
      const ms = wait(key);
      return ms > 0 ? waitThenTake(key, ms) : undefined;
    },
  };
}
