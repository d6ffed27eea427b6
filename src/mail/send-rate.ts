// A relay's or provider's limits (messages per second, per hour), as two token buckets per sender: each
// sender identity has its own limits (sender-limits.ts), or the installation's defaults. In one process;
// several worker processes each keep their own.

export interface RateLimits {
  /** 0: no limit. May be under 1 (one message every few seconds). */
  perSecond: number;
  /** 0: no limit. */
  perHour: number;
}

export interface SendRate {
  /**
   * Resolves when one more message from this sender may go under these limits; undefined when it may go
   * at once (most mails: no await). `sender` is the sender's address. Mails already waiting go by the
   * sender's limits as they are when their turn comes.
   */
  take(sender: string, limits: RateLimits): Promise<void> | undefined;
}

/** A bucket: `perMs` tokens a millisecond up to `capacity`; perMs 0: this limit is off. */
interface Bucket { capacity: number; perMs: number; tokens: number; at: number }
/** A sender's limits as last given, and its two buckets (per second, per hour). */
interface Sender { limits: RateLimits; buckets: [Bucket, Bucket] }

const LONGEST_WAIT_MS = 60_000;

export function createSendRate(now: () => number = Date.now): SendRate {
  const senders = new Map<string, Sender>();

  /** The buckets for a rate of `perTime` a `spanMs`: room for at least one message, so a rate under 1 still sends. */
  const shape = (perTime: number, spanMs: number) => ({ capacity: Math.max(1, perTime), perMs: perTime / spanMs });

  function senderOf(key: string, limits: RateLimits): Sender {
    const known = senders.get(key);
    if (!known) {
      const t = now();
      const made: Sender = {
        limits,
        buckets: [shape(limits.perSecond, 1000), shape(limits.perHour, 3_600_000)].map((s) => ({ ...s, tokens: s.capacity, at: t })) as [Bucket, Bucket],
      };
      senders.set(key, made);
      return made;
    }
    if (known.limits.perSecond !== limits.perSecond || known.limits.perHour !== limits.perHour) retune(known, limits);
    return known;
  }

  /**
   * New limits keep what the sender has used: each bucket is filled up to now at its old pace and then
   * held to its new size. A limit newly set starts full, as a sender's first mail does.
   */
  function retune(sender: Sender, limits: RateLimits): void {
    refill(sender);
    const shapes = [shape(limits.perSecond, 1000), shape(limits.perHour, 3_600_000)];
    sender.buckets.forEach((b, i) => {
      const s = shapes[i]!;
      const wasOff = b.perMs === 0;
      b.capacity = s.capacity;
      b.perMs = s.perMs;
      b.tokens = wasOff ? s.capacity : Math.min(b.tokens, s.capacity);
    });
    sender.limits = limits;
  }

  function refill(sender: Sender): void {
    const t = now();
    for (const b of sender.buckets) {
      if (b.perMs > 0) b.tokens = Math.min(b.capacity, b.tokens + (t - b.at) * b.perMs);
      b.at = t;
    }
  }

  /** Milliseconds until every bucket of this sender has a token; takes them when that is 0. */
  function wait(sender: Sender): number {
    refill(sender);
    let longest = 0;
    for (const b of sender.buckets) {
      if (b.perMs > 0 && b.tokens < 1) longest = Math.max(longest, Math.ceil((1 - b.tokens) / b.perMs));
    }
    if (longest === 0) for (const b of sender.buckets) if (b.perMs > 0) b.tokens -= 1;
    return longest;
  }

  /** A mail looks again at least once a minute (its sender's limits may have changed), and a timer never overflows. */
  async function waitThenTake(sender: Sender, first: number) {
    for (let ms = first; ms > 0; ms = wait(sender)) await new Promise((r) => setTimeout(r, Math.min(ms, LONGEST_WAIT_MS)));
  }

  return {
    take(address, limits) {
      const limited = limits.perSecond > 0 || limits.perHour > 0;
      // the usual case: no sender was ever limited, nothing to keep
      if (!limited && senders.size === 0) return undefined;
      const key = address.toLowerCase();
      if (!limited && !senders.has(key)) return undefined;
      const sender = senderOf(key, limits);
      const ms = wait(sender);
      return ms > 0 ? waitThenTake(sender, ms) : undefined;
    },
  };
}
