// The organisers: listed, invited (an invitation is a user without a password and a one-time link to
// choose one), given another role, removed. There is always at least one owner: each change counts the
// owners after it, in a serializable transaction, so two owners demoted at once cannot both go. The API
// tokens a user made go with them, or with the role they lose.
import type { Deps } from '../../deps.ts';
import { conflict, invalid, notFound, Problem } from '../../http/problem.ts';
import { issueInviteLink } from './account-links.service.ts';
import { deleteTokensBeyondRole } from './api-tokens.service.ts';
import { recordAudit, type Actor } from './audit-log.service.ts';
import type { Role } from './roles.ts';
import { serializable } from './serializable.ts';
import { checkEmail, checkName, checkRole, normaliseEmail } from './user-fields.ts';
import { countOwners, deleteUser, findUserByEmail, findUserById, insertUser, selectUsers, updateUser } from './users.repo.ts';

type UserRow = { id: number; name: string; email: string; role: Role; totp_secret: string | null; password_hash: string | null; last_login_at: string | null; created_at: string };

export interface UserView {
  id: number;
  name: string;
  email: string;
  role: Role;
  totp_enabled: boolean;
  /** invited: has not chosen a password yet. */
  status: 'active' | 'invited';
  last_login_at: string | null;
  created_at: string;
}

export function userView(row: UserRow): UserView {
  return {
    id: row.id, name: row.name, email: row.email, role: row.role, totp_enabled: row.totp_secret !== null,
    status: row.password_hash ? 'active' : 'invited', last_login_at: row.last_login_at, created_at: row.created_at,
  };
}

const lastOwner = () => new Problem(409, 'last-owner', 'The last owner cannot be removed or given another role', 'Make someone else an owner first.');

export async function listUsers(deps: Pick<Deps, 'db'>): Promise<{ items: UserView[] }> {
  return { items: (await selectUsers(deps.db)).map(userView) };
}

export async function inviteUser(deps: Deps, by: Actor, input: { name: string; email: string; role: string }, ip: string | null) {
  const email = normaliseEmail(input.email);
  const problems = [...checkName(input.name), ...checkEmail(email), ...checkRole(input.role)];
  if (problems.length) throw invalid(problems);
  if (await findUserByEmail(deps.db, email)) throw conflict('A user with this email address exists already');
  const now = deps.clock.now().toISOString();
  const row = await insertUser(deps.db, { name: input.name.trim(), email, role: input.role as Role, password_hash: null }, now);
  const inviteUrl = await issueInviteLink(deps, row.id);
  await recordAudit(deps, { actor: by, action: 'user.invite', subject: `user #${row.id} ${email} as ${row.role}`, ip });
  return { user: userView(row), invite_url: inviteUrl };
}

/** A new one-time link for a user: an invitation that expired, or a forgotten password. Earlier links stop working. */
export async function reinviteUser(deps: Deps, by: Actor, id: number, ip: string | null) {
  const row = await findUserById(deps.db, id);
  if (!row) throw notFound('User');
  const inviteUrl = await issueInviteLink(deps, row.id);
  await recordAudit(deps, { actor: by, action: 'user.reinvite', subject: `user #${row.id} ${row.email}`, ip });
  return { user: userView(row), invite_url: inviteUrl };
}

type RevokedToken = { id: number; name: string; role: Role };

async function auditRevokedTokens(deps: Pick<Deps, 'db' | 'clock'>, by: Actor, tokens: RevokedToken[], why: string, ip: string | null) {
  for (const t of tokens) await recordAudit(deps, { actor: by, action: 'token.revoke', subject: `token #${t.id} "${t.name}" as ${t.role}: ${why}`, ip });
}

export async function changeUser(deps: Pick<Deps, 'db' | 'clock'>, by: Actor, id: number, input: { name?: string; role?: string }, ip: string | null): Promise<UserView> {
  const problems = [...(input.name !== undefined ? checkName(input.name) : []), ...(input.role !== undefined ? checkRole(input.role) : [])];
  if (problems.length) throw invalid(problems);
  const now = deps.clock.now().toISOString();
  const { before, after, revoked } = await serializable(deps.db, async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw notFound('User');
    const after = (await updateUser(trx, id, { ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.role !== undefined ? { role: input.role as Role } : {}) }, now))!;
    if (before.role === 'owner' && after.role !== 'owner' && (await countOwners(trx)) === 0) throw lastOwner();
    const revoked = before.role !== after.role ? await deleteTokensBeyondRole(trx, id, after.role) : [];
    return { before, after, revoked };
  });
  const changes = [
    before.role !== after.role ? `role ${before.role} → ${after.role}` : '',
    before.name !== after.name ? 'name' : '',
  ].filter(Boolean).join(', ');
  if (changes) await recordAudit(deps, { actor: by, action: 'user.change', subject: `user #${id} ${after.email}: ${changes}`, ip });
  await auditRevokedTokens(deps, by, revoked, `its maker user #${id} is ${after.role} now`, ip);
  return userView(after);
}

export async function removeUser(deps: Pick<Deps, 'db' | 'clock'>, by: Actor, id: number, ip: string | null): Promise<void> {
  const { removed, revoked } = await serializable(deps.db, async (trx) => {
    const row = await findUserById(trx, id);
    if (!row) throw notFound('User');
    const revoked = await deleteTokensBeyondRole(trx, id, undefined);
    await deleteUser(trx, id);
    if (row.role === 'owner' && (await countOwners(trx)) === 0) throw lastOwner();
    return { removed: row, revoked };
  });
  await recordAudit(deps, { actor: by, action: 'user.remove', subject: `user #${id} ${removed.email}`, ip });
  await auditRevokedTokens(deps, by, revoked, `its maker user #${id} was removed`, ip);
}
