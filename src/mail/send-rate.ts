// A relay's or provider's limits (messages per second, per hour), as two token buckets per sender: each
// sender identity has its own limits (sender-limits.ts), or the installation's defaults. In one process;
// several worker processes each keep their own (split the limit between them).

export interface RateLimits {
  /** 0: no limit. */
  perSecond: number;
  /** 0: no limit. */
  perHour: number;
}

export interface SendRate {
  /**
   * Resolves when one more message from this sender may go under these limits; undefined when it may go
   * at once (most mails: no await). `sender` is the sender's address.
   */
  take(sender: string, limits: RateLimits): Promise<void> | undefined;
}

interface Rule { capacity: number; perMs: number }
interface Bucket { tokens: number; at: number }
/** A sender's buckets, and the limits they were made for: new limits start new buckets. */
interface SenderBuckets { limits: RateLimits; rules: Rule[]; buckets: Bucket[] }

export function createSendRate(now: () => number = Date.now): SendRate {
  const senders = new Map<string, SenderBuckets>();

  function bucketsOf(key: string, limits: RateLimits): SenderBuckets {
    const known = senders.get(key);
    if (known && known.limits.perSecond === limits.perSecond && known.limits.perHour === limits.perHour) return known;
    const rules = [
      { capacity: limits.perSecond, perMs: limits.perSecond / 1000 },
      { capacity: limits.perHour, perMs: limits.perHour / 3_600_000 },
    ].filter((r) => r.capacity > 0);
    const t = now();
    const made = { limits: { ...limits }, rules, buckets: rules.map((r) => ({ tokens: r.capacity, at: t })) };
    senders.set(key, made);
    return made;
  }

  /** Milliseconds until every bucket of this sender has a token; takes them when that is 0. */
  function wait(key: string, limits: RateLimits): number {
    const { rules, buckets } = bucketsOf(key, limits);
    const t = now();
    let longest = 0;
    rules.forEach((rule, i) => {
      const b = buckets[i]!;
      b.tokens = Math.min(rule.capacity, b.tokens + (t - b.at) * rule.perMs);
      b.at = t;
      if (b.tokens < 1) longest = Math.max(longest, Math.ceil((1 - b.tokens) / rule.perMs));
    });
    if (longest === 0) for (const b of buckets) b.tokens -= 1;
    return longest;
  }

  async function waitThenTake(key: string, limits: RateLimits, first: number) {
    for (let ms = first; ms > 0; ms = wait(key, limits)) await new Promise((r) => setTimeout(r, ms));
  }

  return {
    take(sender, limits) {
      if (limits.perSecond <= 0 && limits.perHour <= 0) return undefined;
      const key = sender.toLowerCase();
      const ms = wait(key, limits);
      return ms > 0 ? waitThenTake(key, limits, ms) : undefined;
    },
  };
}
