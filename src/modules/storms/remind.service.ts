// "Remind me": a visitor of a storm page, before the window, leaves an address to be told when it starts.
// The request is consent to that one reminder (see people's findOrAddReminderPerson). Whatever the address,
// on the list or not, unsubscribed or not, the answer is the same, so the form reveals nobody's membership.
// One address (IP) may ask REMINDER_REQUESTS_PER_HOUR times an hour, so the form cannot mail-bomb anyone;
// asking again for the same address and storm is free and changes nothing.
import type { Storm } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { Problem, notFound } from '../../http/problem.ts';
import { isTokenShaped, sign } from '../../lib/tokens.ts';
import { findRecipient } from '../messages/index.ts';
import { emailAddressProblem, findAudienceMemberByEmail, findOrAddReminderPerson, normaliseEmail } from '../people/index.ts';
import { isReminderFormToken, reminderFormToken } from './reminder-form-token.ts';
import type { ReminderFormView } from './reminder-form.view.ts';
import { countRequestsFrom, hasReminderRequest, insertReminderRequest } from './reminders.repo.ts';
import { findCachedStorm } from './storm-cache.ts';
import { stormAsWanted } from './storm-language.ts';
import { stormState } from './storms.service.ts';

const HOUR_MS = 3_600_000;

export interface ReminderRequest {
  slug: string;
  /** Empty with a recipient token: the address our email reached them at. */
  email: string;
  /** The form's hidden ?r= token, from the visitor's own email link. */
  r: unknown;
  /** The form's hidden field, checked against the visitor cookie. */
  formToken: unknown;
  visitor: string | undefined;
  ip: string;
  /** The page's language (the reminder's), chosen once the storm is known. */
  language: (storm: Storm) => string;
}

/** requested: stored (or asked before); closed: the storm has started or is over, so the page itself is the answer. */
export type ReminderOutcome = { kind: 'requested'; storm: Storm } | { kind: 'closed'; storm: Storm };

export const formExpired = () => new Problem(403, 'form-expired', 'The form has expired',
  'The page the form came from was opened in another browser session, or from another site. Reload the page and try again.');

export async function requestReminder(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'secret'>, request: ReminderRequest): Promise<ReminderOutcome> {
  const cached = await findCachedStorm(deps.db, request.slug);
  if (!cached) throw notFound('Storm');
  const { storm } = cached;
  if (stormState(storm, deps.clock.now()) !== 'before') return { kind: 'closed', storm };
  if (!isReminderFormToken(deps.secret, request.visitor, request.formToken)) throw formExpired();

  const recipient = request.email.trim() === '' && isTokenShaped(request.r) ? await findRecipient(deps, request.r) : undefined;
  const email = normaliseEmail(recipient?.email ?? request.email);
  const problem = email === '' ? 'must not be empty' : emailAddressProblem(email);
  if (problem) {
    throw new Problem(400, 'email-invalid', 'That is not an email address', `email: ${problem}`, [{ name: 'email', reason: problem }]);
  }

  const now = deps.clock.now();
  // asking again for the same address and storm is free: it neither counts against the limit nor changes anything
  const known = await findAudienceMemberByEmail(deps, email);
  if (known && (await hasReminderRequest(deps.db, storm.id, known.id))) return { kind: 'requested', storm };
  // a keyed hash, not the address itself: enough to count, nothing to read back (and emptied after the hour)
  const ipMark = sign(deps.secret, 'reminder-ip', request.ip);
  const recent = await countRequestsFrom(deps.db, ipMark, new Date(now.getTime() - HOUR_MS).toISOString());
  if (recent >= deps.config.reminderRequestsPerHour) {
    throw new Problem(429, 'too-many-reminders', 'Too many reminder requests from this address',
      `At most ${deps.config.reminderRequestsPerHour} an hour; try again later.`);
  }

  const language = request.language(storm);
  const person = await findOrAddReminderPerson(deps, { email, language, detail: `storm:${storm.id}` });
  await insertReminderRequest(deps.db, {
    storm_id: storm.id, person_id: person.id, language, ip_mark: ipMark, created_at: now.toISOString(),
  });
  return { kind: 'requested', storm };
}

/** The storm at /s/:slug, for the pages around its reminder, in the first of `wanted` it has a version in. */
export async function getPageStorm(deps: Pick<Deps, 'db'>, slug: string, wanted: readonly unknown[] = []): Promise<Storm> {
  const cached = await findCachedStorm(deps.db, slug);
  if (!cached) throw notFound('Storm');
  return stormAsWanted(cached, () => wanted).storm;
}

/**
 * The form as this visitor gets it: bound to their visitor cookie, and, when their own email link's token
 * (?r=, unguessable) names a recipient, able to go without an address (the POST finds it from the token).
 */
export async function reminderFormFor(deps: Pick<Deps, 'db' | 'secret'>, visit: { slug: string; visitor: string; r: unknown }): Promise<ReminderFormView> {
  const recipient = isTokenShaped(visit.r) ? await findRecipient(deps, visit.r) : undefined;
  return { slug: visit.slug, formToken: reminderFormToken(deps.secret, visit.visitor), r: recipient ? visit.r as string : undefined };
}
