// One-time links into an account: the set-up link that creates the first owner (printed by `outcry start`
// while there is none), and the invitation that lets a user an owner added choose a password (the same
// link, issued again, resets a forgotten one). Random, stored only as a hash, single use, short-lived.
import type { Deps } from '../../deps.ts';
import { conflict, invalid, Problem } from '../../http/problem.ts';
import { isTokenShaped, randomToken, sha256 } from '../../lib/tokens.ts';
import { claimFirstOwner, claimLink, deleteUserLinks, findUsableLink, insertAccountLink } from './account-links.repo.ts';
import { recordAudit } from './audit-log.service.ts';
import { checkNewPassword } from './password-policy.ts';
import { hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import { endUserSessions } from './sessions.service.ts';
import { checkEmail, checkName, normaliseEmail } from './user-fields.ts';
import { countOwners, findUserByEmail, insertUser, updateUser } from './users.repo.ts';

export const SETUP_LINK_MS = 24 * 3_600_000;
export const INVITE_LINK_MS = 72 * 3_600_000;
const TOKEN_BYTES = 32;

export interface AccountLink {
  kind: 'setup' | 'invite';
  /** For an invitation: who was invited, and as what. */
  user?: { id: number; name: string; email: string; role: Role };
}

export const linkInvalid = () => new Problem(404, 'account-link-invalid', 'This link is not valid any more',
  'It has expired or was used already. Ask an owner for a new one (or run `outcry users setup-link`).');

const urlOf = (deps: Pick<Deps, 'config'>, token: string) => `${deps.config.publicUrl}/setup/${token}`;

async function issue(deps: Pick<Deps, 'db' | 'clock' | 'config'>, kind: 'setup' | 'invite', userId: number | null, ttlMs: number) {
  const token = randomToken(TOKEN_BYTES);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await insertAccountLink(deps.db, { token_hash: sha256(token), kind, user_id: userId, created_at: now.toISOString(), expires_at: expiresAt });
  return { url: urlOf(deps, token), expiresAt };
}

export async function ownerExists(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return (await countOwners(deps.db)) > 0;
}

/** A link that creates the first owner; refused once there is one. */
export async function issueSetupLink(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<{ url: string; expiresAt: string }> {
  if (await ownerExists(deps)) throw conflict('An owner exists already', 'An owner invites further users from the web app.');
  return issue(deps, 'setup', null, SETUP_LINK_MS);
}

/** An invitation for the user (any earlier link of theirs stops working). */
export async function issueInviteLink(deps: Pick<Deps, 'db' | 'clock' | 'config'>, userId: number): Promise<string> {
  await deleteUserLinks(deps.db, userId);
  return (await issue(deps, 'invite', userId, INVITE_LINK_MS)).url;
}

async function usableLink(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  if (!isTokenShaped(token, TOKEN_BYTES)) throw linkInvalid();
  const link = await findUsableLink(deps.db, sha256(token), deps.clock.now().toISOString());
  if (!link || (link.kind === 'invite' && !link.user_id)) throw linkInvalid();
  // once there is an owner, the set-up links that were printed before are spent too
  if (link.kind === 'setup' && (await ownerExists(deps))) throw linkInvalid();
  return link;
}

/** What the link is for, when it can still be used. */
export async function checkAccountLink(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<AccountLink> {
  const link = await usableLink(deps, token);
  if (link.kind === 'setup') return { kind: 'setup' };
  return { kind: 'invite', user: { id: link.user_id!, name: link.name!, email: link.email!, role: link.role! } };
}

export interface NewAccount {
  name?: string;
  email?: string;
  password: string;
}

/**
 * Uses the link: creates the first owner (set-up) or sets the invited user's password. Returns the user,
 * and whether they have a second factor (then the link proves only the address, not the device: no session).
 */
export async function useAccountLink(deps: Pick<Deps, 'db' | 'clock'>, token: string, input: NewAccount, ip: string): Promise<{ id: number; name: string; email: string; secondFactor: boolean }> {
  const link = await usableLink(deps, token);
  const email = link.kind === 'setup' ? normaliseEmail(input.email ?? '') : link.email!;
  const problems = [
    ...(link.kind === 'setup' ? [...checkName(input.name ?? ''), ...checkEmail(email)] : []),
    ...checkNewPassword(input.password, 'password', email),
  ];
  if (problems.length) throw invalid(problems);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now().toISOString();
  const { userId, secondFactor } = await deps.db.transaction().execute(async (trx) => {
    if (!(await claimLink(trx, link.id, now))) throw linkInvalid();
    if (link.kind === 'invite') {
      const row = await updateUser(trx, link.user_id!, { password_hash: passwordHash }, now);
      return { userId: link.user_id!, secondFactor: Boolean(row?.totp_secret) };
    }
    if (!(await claimFirstOwner(trx, now)) || (await countOwners(trx)) > 0) throw linkInvalid();
    if (await findUserByEmail(trx, email)) throw conflict('A user with this email address exists already');
    return { userId: (await insertUser(trx, { name: input.name!.trim(), email, role: 'owner', password_hash: passwordHash }, now)).id, secondFactor: false };
  });
  // a new password (a reset) signs out wherever the old one was used
  if (link.kind === 'invite') await endUserSessions(deps, userId);
  const user = { id: userId, name: link.kind === 'setup' ? input.name!.trim() : link.name!, email, secondFactor };
  await recordAudit(deps, {
    actor: { type: 'user', id: userId, name: `${user.name} <${email}>` },
    action: link.kind === 'setup' ? 'account.setup' : 'account.password-set', subject: `user #${userId}`, ip,
  });
  return user;
}
