// A user's optional second factor: enrolment gives a new secret (as an otpauth:// URI and its QR code),
// which takes effect only when a code from it is confirmed; turning it off needs a current code too.
// Beginning needs the current password: else whoever got hold of a session could enrol their own device
// and lock the account's owner out. Guesses count against the login limit of the account.
import type { Deps } from '../../deps.ts';
import { conflict, invalid, Problem } from '../../http/problem.ts';
import { recordAudit } from './audit-log.service.ts';
import { beginLoginAttempt, loginSucceeded } from './login-limit.service.ts';
import { verifyPassword } from './passwords.ts';
import { actorOf, type Principal } from './principal.ts';
import { matchTotpStep, newTotpSecret, totpQrSvg, totpUri } from './totp.ts';
import { claimTotpStep, clearTotp, confirmTotp, findUserById, setTotpPending } from './users.repo.ts';

type TotpDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

const sessionNeeded = () => new Problem(403, 'session-required', 'Only a logged-in user has a second factor', 'Log in; an API token has none.');

async function userOf(deps: TotpDeps, principal: Principal) {
  if (principal.type !== 'user') throw sessionNeeded();
  const user = await findUserById(deps.db, principal.id);
  if (!user) throw sessionNeeded();
  return user;
}

export async function beginTotpEnrolment(deps: TotpDeps, principal: Principal, password: string, ip: string): Promise<{ secret: string; uri: string; qr_svg: string }> {
  const user = await userOf(deps, principal);
  if (user.totp_secret) throw conflict('The second factor is on already', 'Turn it off first to enrol another device.');
  await beginLoginAttempt(deps, user.email, ip);
  if (!user.password_hash || !(await verifyPassword(password, user.password_hash))) {
    await recordAudit(deps, { actor: actorOf(principal), action: 'totp.password-failed', subject: `user #${user.id} ${user.email}`, ip });
    throw invalid([{ name: 'password', reason: 'is not your current password' }], 'The password is wrong');
  }
  await loginSucceeded(deps, user.email);
  const secret = newTotpSecret();
  await setTotpPending(deps.db, user.id, secret, deps.clock.now().toISOString());
  const uri = totpUri(secret, deps.config.orgName, user.email);
  return { secret, uri, qr_svg: totpQrSvg(uri) };
}

export async function confirmTotpEnrolment(deps: TotpDeps, principal: Principal, code: string, ip: string): Promise<{ totp_enabled: true }> {
  const user = await userOf(deps, principal);
  if (!user.totp_pending_secret) throw conflict('No enrolment is under way', 'Begin with POST /api/v1/session/totp.');
  const step = matchTotpStep(user.totp_pending_secret, code, deps.clock.now());
  if (step === undefined) throw invalid([{ name: 'code', reason: 'does not match the new secret (is the device\'s clock right?)' }], 'The code does not match');
  if (!(await confirmTotp(deps.db, user.id, user.totp_pending_secret, step, deps.clock.now().toISOString()))) throw conflict('The enrolment changed meanwhile');
  await recordAudit(deps, { actor: actorOf(principal), action: 'totp.enable', subject: `user #${user.id}`, ip });
  return { totp_enabled: true };
}

export async function disableTotp(deps: TotpDeps, principal: Principal, code: string, ip: string): Promise<{ totp_enabled: false }> {
  const user = await userOf(deps, principal);
  if (!user.totp_secret) return { totp_enabled: false };
  const step = matchTotpStep(user.totp_secret, code, deps.clock.now());
  if (step === undefined || !(await claimTotpStep(deps.db, user.id, step))) throw invalid([{ name: 'code', reason: 'is wrong, or was used already' }], 'The code does not match');
  await clearTotp(deps.db, user.id, deps.clock.now().toISOString());
  await recordAudit(deps, { actor: actorOf(principal), action: 'totp.disable', subject: `user #${user.id}`, ip });
  return { totp_enabled: false };
}
