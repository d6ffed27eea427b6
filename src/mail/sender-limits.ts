// What each sender may ask of the relay: how many connections its mail goes over, and how many messages a
// second and an hour (a provider's limits are often per sending identity). A sender the organisation gave
// no limits of its own has the installation's (SMTP_CONNECTIONS, SEND_PER_SECOND, SEND_PER_HOUR); each
// limit left out of a sender's own falls back the same way. Kept in memory, replaced whole when the
// settings are read (modules/accounts/sender-limits.service.ts).
import { splitMailbox } from './mailbox.ts';
import type { RateLimits } from './send-rate.ts';

export interface SenderLimits extends RateLimits {
  /** SMTP connections this sender's mail goes over, at least 1. */
  connections: number;
}

/** A sender's own limits as the organisation set them: a limit left out is the default. */
export type OwnSenderLimits = Partial<SenderLimits>;

export interface SenderLimitsTable {
  /** The limits of the sender of `from` (a mailbox or an address). */
  of(from: string): SenderLimits;
  /** Whether the sender of `from` has limits of its own. */
  hasOwn(from: string): boolean;
  /**
   * Every sender's own limits, by address (any case), replacing those before, unless `version` (each save
   * counts one up) is older than that of the limits in use: a read that a save overtook.
   */
  replace(own: ReadonlyMap<string, OwnSenderLimits>, version?: number): void;
}

/** The address a sender's limits are kept by: the mailbox's address (of `Name <address>` or a bare one), lower-cased. */
export function senderAddress(from: string): string {
  return splitMailbox(from).address.toLowerCase();
}

export function createSenderLimitsTable(defaults: SenderLimits): SenderLimitsTable {
  const base: SenderLimits = { ...defaults, connections: Math.max(1, defaults.connections) };
  let bySender = new Map<string, SenderLimits>();
  let inUse = -Infinity;
  return {
    of(from) {
      if (bySender.size === 0) return base;
      return bySender.get(senderAddress(from)) ?? base;
    },
    hasOwn: (from) => bySender.size > 0 && bySender.has(senderAddress(from)),
    replace(own, version) {
      if (version !== undefined && version < inUse) return;
      if (version !== undefined) inUse = version;
      const next = new Map<string, SenderLimits>();
      for (const [address, limits] of own) {
        next.set(address.toLowerCase(), {
          connections: Math.max(1, limits.connections ?? base.connections),
          perSecond: limits.perSecond ?? base.perSecond,
          perHour: limits.perHour ?? base.perHour,
        });
      }
      bySender = next;
    },
  };
}
