// Each sender's own limits at the relay (connections, messages a second and an hour), kept in the settings
// row `sender_limits` and handed to this process's mailer: when they are saved here, when the process
// starts, and when a send starts or resumes (another process may have saved them).
import type { Db } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { InvalidParam } from '../../http/problem.ts';
import { parseMailbox } from '../../mail/mailbox.ts';
import type { OwnSenderLimits } from '../../mail/sender-limits.ts';
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

export async function readSenderLimits(deps: Pick<Deps, 'db'>): Promise<SenderLimitsEntry[]> {
  return (await readSettingJson(deps.db, 'sender_limits') ?? []) as SenderLimitsEntry[];
}

/** Reads the senders' limits and gives them to this process's mailer. */
export async function applySenderLimits(deps: Pick<Deps, 'db' | 'mailer'>): Promise<void> {
  useSenderLimits(deps, await readSenderLimits(deps));
}

/** Gives these limits to this process's mailer. */
export function useSenderLimits(deps: Pick<Deps, 'mailer'>, entries: readonly SenderLimitsEntry[]): void {
  deps.mailer.senderLimits.replace(new Map(entries.map((e) => [e.sender, ownLimits(e)])));
}

function ownLimits(e: SenderLimitsEntry): OwnSenderLimits {
  const own: OwnSenderLimits = {};
  if (e.connections !== null) own.connections = e.connections;
  if (e.per_second !== null) own.perSecond = e.per_second;
  if (e.per_hour !== null) own.perHour = e.per_hour;
  return own;
}

/**
 * The entries to keep for these senders (addresses, lower-cased): `input` checked and made whole, or, when
 * there is none, those stored before whose sender is still one of them. Problems are named `limits.N.field`.
 */
export async function senderLimitsFor(
  deps: Pick<Deps, 'db'>, senders: ReadonlySet<string>, input: readonly SenderLimitsInput[] | undefined, problems: InvalidParam[],
): Promise<SenderLimitsEntry[]> {
  if (!input) return (await readSenderLimits(deps)).filter((e) => senders.has(e.sender));
  const kept = new Map<string, SenderLimitsEntry>();
  input.forEach((item, i) => {
    const address = (parseMailbox(item.sender.trim())?.address ?? item.sender.trim()).toLowerCase();
    if (!senders.has(address)) {
      problems.push({ name: `limits.${i}.sender`, reason: `"${item.sender}" is neither one of the sender identities nor the default sender` });
      return;
    }
    const entry = { sender: address, connections: item.connections ?? null, per_second: item.per_second ?? null, per_hour: item.per_hour ?? null };
    // a sender with nothing of its own is not stored: it simply has the defaults
    if (entry.connections !== null || entry.per_second !== null || entry.per_hour !== null) kept.set(address, entry);
  });
  return [...kept.values()];
}

/** Stores the entries (from senderLimitsFor), in the caller's transaction. */
export async function writeSenderLimits(db: Db, entries: SenderLimitsEntry[]): Promise<void> {
  await writeSettingJson(db, 'sender_limits', entries);
}
