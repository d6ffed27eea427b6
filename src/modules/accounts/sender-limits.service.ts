// Each sender's own limits at the relay (connections, messages a second and an hour), kept in the settings
// row `sender_limits` and handed to this process's mailer: when they are saved here, when the process
// starts, and when a send starts or resumes (another process may have saved them).
import type { Db } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { InvalidParam } from '../../http/problem.ts';
import { senderAddress, type OwnSenderLimits } from '../../mail/sender-limits.ts';
import { readSettingJson, writeSettingJson } from './organisation-settings.repo.ts';

/** One sender's own limits; null: the installation's default. */
export interface SenderLimitsEntry {
  /** The sender's address, lower-cased. */
  sender: string;
  connections: number | null;
  per_second: number | null;
  per_hour: number | null;
}

export type SenderLimitsInput = { sender: string } & Partial<Omit<SenderLimitsEntry, 'sender'>>;

/** The limits every sender has unless it has its own (SMTP_CONNECTIONS, SEND_PER_SECOND, SEND_PER_HOUR; 0: none). */
export function defaultSenderLimits(deps: Pick<Deps, 'config'>) {
  return { connections: Math.max(1, deps.config.smtpConnections), per_second: deps.config.sendPerSecond, per_hour: deps.config.sendPerHour };
}

/**
 * The row: the entries, and how many times they were saved (each save counts one up in its transaction),
 * so a read that a save overtook is not used after it, whatever the hosts' clocks say.
 */
interface StoredSenderLimits { version: number; limits: SenderLimitsEntry[] }

async function readStored(db: Db): Promise<StoredSenderLimits | undefined> {
  return await readSettingJson(db, 'sender_limits') as StoredSenderLimits | undefined;
}

export async function readSenderLimits(deps: Pick<Deps, 'db'>): Promise<SenderLimitsEntry[]> {
  return (await readStored(deps.db))?.limits ?? [];
}

/** Whether the sender of `from` (a mailbox or an address) has limits of its own, as last saved by any process. */
export async function hasOwnSenderLimits(deps: Pick<Deps, 'db'>, from: string): Promise<boolean> {
  const address = senderAddress(from);
  return (await readSenderLimits(deps)).some((e) => e.sender === address);
}

/** Reads the senders' limits and gives them to this process's mailer. */
export async function applySenderLimits(deps: Pick<Deps, 'db' | 'mailer'>): Promise<void> {
  const stored = await readStored(deps.db);
  if (stored) useSenderLimits(deps, stored);
}

/** Gives these limits to this process's mailer (unless it already has some saved later). */
export function useSenderLimits(deps: Pick<Deps, 'mailer'>, stored: StoredSenderLimits): void {
  deps.mailer.senderLimits.replace(new Map(stored.limits.map((e) => [e.sender, ownLimits(e)])), stored.version);
}

function ownLimits(e: SenderLimitsEntry): OwnSenderLimits {
  const own: OwnSenderLimits = {};
  if (e.connections !== null) own.connections = e.connections;
  if (e.per_second !== null) own.perSecond = e.per_second;
  if (e.per_hour !== null) own.perHour = e.per_hour;
  return own;
}

/**
 * The entries to store for these senders (addresses, lower-cased): `input` checked and made whole.
 * Problems are named `limits.N.field`.
 */
export function checkSenderLimits(senders: ReadonlySet<string>, input: readonly SenderLimitsInput[], problems: InvalidParam[]): SenderLimitsEntry[] {
  const kept = new Map<string, SenderLimitsEntry>();
  const seen = new Map<string, number>();
  input.forEach((item, i) => {
    const address = senderAddress(item.sender);
    if (!senders.has(address)) {
      problems.push({ name: `limits.${i}.sender`, reason: `"${item.sender}" is neither one of the sender identities nor the default sender` });
      return;
    }
    if (seen.has(address)) {
      problems.push({ name: `limits.${i}.sender`, reason: `"${item.sender}" has a row already (row ${seen.get(address)})` });
      return;
    }
    seen.set(address, i);
    const entry = { sender: address, connections: item.connections ?? null, per_second: item.per_second ?? null, per_hour: item.per_hour ?? null };
    // a sender with nothing of its own is not stored: it simply has the defaults
    if (entry.connections !== null || entry.per_second !== null || entry.per_hour !== null) kept.set(address, entry);
  });
  return [...kept.values()];
}

/**
 * Stores the senders' limits in the caller's transaction: `entries` (from checkSenderLimits), or, when none
 * are given, those stored before whose sender is still one of `senders`. Returns what it stored.
 */
export async function writeSenderLimits(db: Db, senders: ReadonlySet<string>, entries: SenderLimitsEntry[] | undefined): Promise<StoredSenderLimits> {
  const before = await readStored(db);
  const limits = entries ?? (before?.limits ?? []).filter((e) => senders.has(e.sender));
  const stored = { version: (before?.version ?? 0) + 1, limits };
  await writeSettingJson(db, 'sender_limits', stored);
  return stored;
}
