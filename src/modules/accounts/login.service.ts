// Logging in: an address and a password, then, for a user with a second factor, a code from their
// authenticator app. Whatever is wrong (no such address, wrong password, no password chosen yet) the
// answer is the same, and takes the same time. Every attempt counts against the limits (login-limit).
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { sign, verifySignature } from '../../lib/tokens.ts';
import { anonymous, recordAudit } from './audit-log.service.ts';
import { beginLoginAttempt, loginSucceeded } from './login-limit.service.ts';
import { spendPasswordTime, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.service.ts';
import { matchTotpStep } from './totp.ts';
import { normaliseEmail } from './user-fields.ts';
import { claimTotpStep, findUserById, findUserByEmail, updateUser } from './users.repo.ts';

type LoginDeps = Pick<Deps, 'db' | 'clock' | 'secret'>;
type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

/** A code must follow the password within this time. */
const SECOND_STEP_MS = 5 * 60_000;

export type LoginOutcome =
  | { status: 'done'; userId: number; session: { token: string; maxAgeSeconds: number } }
  /** The password was right; `pending` carries that to the step that asks for the code. */
  | { status: 'code-needed'; pending: string };

export const loginFailed = () => new Problem(401, 'login-failed', 'The email address or the password is wrong');
export const codeFailed = () => new Problem(401, 'totp-failed', 'The code is wrong, or was used already', 'Wait for the next code of your authenticator app.');
export const codeNeeded = () => new Problem(401, 'totp-required', 'This account needs the code from its authenticator app', 'Send it as `totp`.');

export async function logIn(deps: LoginDeps, input: { email: string; password: string; totp?: string }, ip: string): Promise<LoginOutcome> {
  const account = normaliseEmail(input.email).slice(0, 254);
  await beginLoginAttempt(deps, account, ip);
  const user = await findUserByEmail(deps.db, account);
  const ok = user?.password_hash ? await verifyPassword(input.password, user.password_hash) : (await spendPasswordTime(input.password), false);
  if (!user || !ok) {
    await recordAudit(deps, { actor: anonymous, action: 'login.failed', subject: account, ip });
    throw loginFailed();
  }
  if (user.totp_secret) {
    if (input.totp === undefined || input.totp === '') return { status: 'code-needed', pending: pendingToken(deps, user) };
    await checkCode(deps, user, input.totp, ip);
  }
  return finish(deps, user, ip);
}

/** The second step: the code, with the token the first step gave. */
export async function logInWithCode(deps: LoginDeps, input: { pending: string; code: string }, ip: string): Promise<LoginOutcome & { status: 'done' }> {
  const user = await userOfPending(deps, input.pending);
  if (!user?.totp_secret) throw loginFailed();
  await beginLoginAttempt(deps, user.email, ip);
  await checkCode(deps, user, input.code, ip);
  return finish(deps, user, ip);
}

async function checkCode(deps: LoginDeps, user: UserRow, code: string, ip: string): Promise<void> {
  const step = matchTotpStep(user.totp_secret!, code, deps.clock.now());
  if (step === undefined || !(await claimTotpStep(deps.db, user.id, step))) {
    await recordAudit(deps, { actor: { type: 'user', id: user.id, name: `${user.name} <${user.email}>` }, action: 'login.failed', subject: `${user.email}: code`, ip });
    throw codeFailed();
  }
}

async function finish(deps: LoginDeps, user: UserRow, ip: string): Promise<LoginOutcome & { status: 'done' }> {
  await loginSucceeded(deps, user.email);
  return { status: 'done', userId: user.id, session: await startSession(deps, user, ip) };
}

/** A new session for a user who proved who they are (by logging in, or through a one-time link). */
export async function startSession(deps: Pick<Deps, 'db' | 'clock'>, user: { id: number; name: string; email: string }, ip: string) {
  const session = await createSession(deps, user.id);
  const now = deps.clock.now().toISOString();
  await updateUser(deps.db, user.id, { last_login_at: now }, now);
  await recordAudit(deps, { actor: { type: 'user', id: user.id, name: `${user.name} <${user.email}>` }, action: 'login', subject: null, ip });
  return session;
}

// The token names the user and its end, signed with the installation's secret and the user's password
// hash: it proves the password step was passed, and stops working when the password changes.
function pendingToken(deps: LoginDeps, user: UserRow): string {
  const until = deps.clock.now().getTime() + SECOND_STEP_MS;
  return `${user.id}.${until}.${sign(deps.secret, 'login-code', String(user.id), String(until), user.password_hash!)}`;
}

async function userOfPending(deps: LoginDeps, pending: string): Promise<UserRow | undefined> {
  const m = /^(\d{1,12})\.(\d{13})\.([A-Za-z0-9_-]{22})$/.exec(pending);
  if (!m || Number(m[2]) < deps.clock.now().getTime()) return undefined;
  const user = await findUserById(deps.db, Number(m[1]));
  if (!user?.password_hash || !verifySignature(deps.secret, m[3], 'login-code', m[1]!, m[2]!, user.password_hash)) return undefined;
  return user;
}
