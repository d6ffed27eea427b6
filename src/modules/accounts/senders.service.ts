// The sender identities messages may use (when an owner lists any, a message may come only from one of
// them or from MAIL_FROM), each one's own limits at the relay (sender-limits.service.ts), and a test mail
// through the relay that returns the relay's own answer.
import type { Deps } from '../../deps.ts';
import { invalid, Problem, type InvalidParam } from '../../http/problem.ts';
import { formatMailbox, parseMailbox } from '../../mail/mailbox.ts';
import { SmtpError } from '../../mail/mailer.ts';
import { organisationName } from './organisation.service.ts';
import { readSettingJson, writeSettingJson } from './organisation-settings.repo.ts';
import {
  checkSenderLimits, defaultSenderLimits, readSenderLimits, useSenderLimits, writeSenderLimits, type SenderLimitsEntry, type SenderLimitsInput,
} from './sender-limits.service.ts';

export interface Senders {
  default_from: string;
  smtp: string | null;
  items: string[];
  /** What a sender without limits of its own has. */
  defaults: ReturnType<typeof defaultSenderLimits>;
  /** The senders that have limits of their own. */
  limits: SenderLimitsEntry[];
}

/** The relay as an organiser may see it: scheme, host and port, never the password. */
function relayOf(smtpUrl: string | undefined): string | null {
  if (!smtpUrl) return null;
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

export async function getSenders(deps: Pick<Deps, 'db' | 'config'>): Promise<Senders> {
  const items = (await readSettingJson(deps.db, 'senders') ?? []) as string[];
  return {
    default_from: deps.config.mailFrom, smtp: relayOf(deps.config.smtpUrl), items,
    defaults: defaultSenderLimits(deps), limits: await readSenderLimits(deps),
  };
}

/**
 * Replaces the sender identities and, when `limits` is given, their limits at the relay (else each sender
 * still listed keeps its own). Limits take effect in this process at once, in a worker when a send starts or resumes.
 */
export async function setSenders(deps: Pick<Deps, 'db' | 'config' | 'mailer'>, items: string[], limits?: SenderLimitsInput[]): Promise<Senders> {
  const problems: InvalidParam[] = [];
  const mailboxes = items.map((item, i) => {
    const mailbox = parseMailbox(item.trim());
    if (!mailbox) problems.push({ name: `items.${i}`, reason: `"${item}" is not a sender like Name <name@example.org>` });
    return mailbox;
  });
  const senders = new Set(mailboxes.flatMap((m) => (m ? [m.address.toLowerCase()] : [])));
  senders.add(addressOf(deps.config.mailFrom));
  const entries = limits && checkSenderLimits(senders, limits, problems);
  if (problems.length) throw invalid(problems);
  const stored = await deps.db.transaction().execute(async (trx) => {
    await writeSettingJson(trx, 'senders', [...new Set(mailboxes.map((m) => formatMailbox(m!)))]);
    return writeSenderLimits(trx, senders, entries);
  });
  useSenderLimits(deps, stored);
  return getSenders(deps);
}

/**
 * Why a message may not come from `from` (a mailbox already parsed), or undefined when it may: with no
 * identities listed any sender may be used; else one of them or MAIL_FROM, the address compared in any case.
 */
export async function senderRefusal(deps: Pick<Deps, 'db' | 'config'>, from: string): Promise<string | undefined> {
  const { items, default_from } = await getSenders(deps);
  if (items.length === 0) return undefined;
  const wanted = addressOf(from);
  if ([...items, default_from].some((item) => addressOf(item) === wanted)) return undefined;
  return `must be one of the sender identities (${items.join(', ')}) or the default sender (${default_from})`;
}

export async function sendSmtpTest(deps: Pick<Deps, 'db' | 'config' | 'mailer'>, to: string): Promise<{ response: string }> {
  const address = parseMailbox(to.trim());
  if (!address) throw invalid([{ name: 'email', reason: 'is not an email address' }]);
  const orgName = await organisationName(deps);
  try {
    return await deps.mailer.send({
      from: deps.config.mailFrom, to: address.address, subject: `${orgName}: a test of the mail relay`,
      text: 'This is a test from Outcry\'s settings. The relay took it, so messages can go out.\n',
      html: '<p>This is a test from Outcry\'s settings. The relay took it, so messages can go out.</p>',
    });
  } catch (err) {
    if (err instanceof SmtpError) throw new Problem(502, 'smtp-refused', 'The mail relay did not take the test mail', err.message);
    throw new Problem(502, 'smtp-unreachable', 'The mail relay could not be reached', err instanceof Error ? err.message : String(err));
  }
}

/** The address of a mailbox, lower-cased; loosely read, as MAIL_FROM may name a host without a dot (localhost). */
function addressOf(mailbox: string): string {
  return (parseMailbox(mailbox)?.address ?? /<([^<>]*)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim().toLowerCase();
}
