// The organisation as supporters see it (name, logo, colours), the sender identities messages may use,
// and a test mail through the relay that returns the relay's own answer.
import type { Deps } from '../../deps.ts';
import { invalid, Problem, type InvalidParam } from '../../http/problem.ts';
import { parseMailbox, formatMailbox } from '../../mail/mailbox.ts';
import { SmtpError } from '../../mail/mailer.ts';
import { readSettingJson, writeSettingJson } from './organisation-settings.repo.ts';

export interface Organisation { name: string; logo_url: string | null; primary_color: string; accent_color: string }

const DEFAULT_COLOURS = { primary_color: '#0b5cad', accent_color: '#e8a400' };
const COLOUR = /^#[0-9a-f]{6}$/i;

export async function getOrganisation(deps: Pick<Deps, 'db' | 'config'>): Promise<Organisation> {
  const stored = (await readSettingJson(deps.db, 'organisation') ?? {}) as Partial<Organisation>;
  return { name: deps.config.orgName, logo_url: null, ...DEFAULT_COLOURS, ...stored };
}

export async function setOrganisation(deps: Pick<Deps, 'db' | 'config'>, input: Organisation): Promise<Organisation> {
  const problems: InvalidParam[] = [];
  const name = input.name.trim();
  if (!name) problems.push({ name: 'name', reason: 'must not be empty' });
  const logo = input.logo_url?.trim() || null;
  if (logo && !/^https:\/\/[^\s]+$/.test(logo)) problems.push({ name: 'logo_url', reason: 'must be an https:// address' });
  for (const key of ['primary_color', 'accent_color'] as const) {
    if (!COLOUR.test(input[key])) problems.push({ name: key, reason: 'must be a colour like #0b5cad' });
  }
  if (problems.length) throw invalid(problems);
  const organisation = { name, logo_url: logo, primary_color: input.primary_color.toLowerCase(), accent_color: input.accent_color.toLowerCase() };
  await writeSettingJson(deps.db, 'organisation', organisation);
  return organisation;
}

export interface Senders { default_from: string; smtp: string | null; items: string[] }

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
  return { default_from: deps.config.mailFrom, smtp: relayOf(deps.config.smtpUrl), items };
}

export async function setSenders(deps: Pick<Deps, 'db' | 'config'>, items: string[]): Promise<Senders> {
  const problems: InvalidParam[] = [];
  const mailboxes = items.map((item, i) => {
    const mailbox = parseMailbox(item.trim());
    if (!mailbox) problems.push({ name: `items.${i}`, reason: `"${item}" is not a sender like Name <name@example.org>` });
    return mailbox;
  });
  if (problems.length) throw invalid(problems);
  await writeSettingJson(deps.db, 'senders', [...new Set(mailboxes.map((m) => formatMailbox(m!)))]);
  return getSenders(deps);
}

export async function sendSmtpTest(deps: Pick<Deps, 'config' | 'mailer'>, to: string): Promise<{ response: string }> {
  const address = parseMailbox(to.trim());
  if (!address) throw invalid([{ name: 'email', reason: 'is not an email address' }]);
  try {
    return await deps.mailer.send({
      from: deps.config.mailFrom, to: address.address, subject: `${deps.config.orgName}: a test of the mail relay`,
      text: 'This is a test from Outcry\'s settings. The relay took it, so messages can go out.\n',
      html: '<p>This is a test from Outcry\'s settings. The relay took it, so messages can go out.</p>',
    });
  } catch (err) {
    if (err instanceof SmtpError) throw new Problem(502, 'smtp-refused', 'The mail relay did not take the test mail', err.message);
    throw new Problem(502, 'smtp-unreachable', 'The mail relay could not be reached', err instanceof Error ? err.message : String(err));
  }
}
