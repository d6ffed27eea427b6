// Starting, scheduling, pausing, resuming and cancelling a send. Each is a guarded status change, so two
// organisers pressing buttons at once cannot, say, resume a cancelled message.
import type { Deps } from '../../deps.ts';
import type { MessageStatus } from '../../db/schema.ts';
import { conflict, Problem } from '../../http/problem.ts';
import { updateMessageIfStatus } from './messages.repo.ts';
import { getMessageRow } from './messages.service.ts';
import { queueSend } from './send-queue.ts';
import { resolveSendTime, type SendTimeInput } from './send-time.ts';

type ControlDeps = Pick<Deps, 'db' | 'clock' | 'jobs' | 'config'>;

export interface SendState {
  id: number;
  status: MessageStatus;
  scheduled_at: string | null;
  /** The zone the schedule was written in, to show it as written. */
  timezone: string | null;
}

/**
 * Sends now, or at `at` when that is still ahead: an ISO time with offset, or a wall-clock time in
 * `timezone` (see send-time.ts for times that happen twice or never there).
 */
export async function startSend(deps: ControlDeps, id: number, options: SendTimeInput = {}): Promise<SendState> {
  if (!deps.config.smtpUrl) {
    throw new Problem(503, 'smtp-not-configured', 'No mail relay is configured',
      'Set SMTP_URL (for example smtp://user:password@relay.example.org:587) and restart Outcry.');
  }
  const now = deps.clock.now();
  const { at, timezone: zone } = resolveSendTime(options);
  const later = at !== undefined && at > now;
  const state = await deps.db.transaction().execute(async (trx) => {
    const message = await getMessageRow({ db: trx }, id);
    // a reminder is started by its storm, with its own recipients, never by hand with the list's
    if (message.kind !== 'blast') throw conflict(`This is a ${message.kind}: it goes out by itself`, 'Pause, resume or cancel it instead.');
    if (!['draft', 'paused', 'scheduled'].includes(message.status)) {
      throw conflict(`The message is ${message.status}`, alreadyReason(message.status));
    }
    const changes = later
      ? { status: 'scheduled' as const, scheduled_at: at.toISOString() }
      : { status: 'sending' as const, started_at: message.started_at ?? now.toISOString() };
    // a new time replaces the zone it was written in; "send now" keeps the old one unless given another
    const timezone = at !== undefined ? zone ?? null : zone ?? message.timezone;
    const moved = await updateMessageIfStatus(trx, id, [message.status], { ...changes, timezone, updated_at: now.toISOString() });
    if (!moved) throw conflict('The message changed meanwhile; try again');
    return { id, status: changes.status, scheduled_at: later ? at.toISOString() : message.scheduled_at, timezone };
  });
  if (state.status === 'sending') await queueSend(deps, id);
  return state;
}

/** Stops a send (or a schedule) after the batch in flight; resume carries on where it stopped. */
export async function pauseSend(deps: ControlDeps, id: number): Promise<SendState> {
  return moveStatus(deps, id, ['sending', 'scheduled'], () => 'paused');
}

export async function resumeSend(deps: ControlDeps, id: number): Promise<SendState> {
  const now = deps.clock.now().toISOString();
  const state = await moveStatus(deps, id, ['paused'], (m) =>
    m.scheduled_at !== null && m.scheduled_at > now && m.started_at === null ? 'scheduled' : 'sending');
  if (state.status === 'sending') await queueSend(deps, id);
  return state;
}

/** Nobody not yet mailed will be. Those already mailed stay counted. */
export async function cancelSend(deps: ControlDeps, id: number): Promise<SendState> {
  return moveStatus(deps, id, ['draft', 'scheduled', 'sending', 'paused'], () => 'cancelled');
}

async function moveStatus(
  deps: ControlDeps,
  id: number,
  from: MessageStatus[],
  to: (m: { scheduled_at: string | null; started_at: string | null }) => MessageStatus,
): Promise<SendState> {
  return deps.db.transaction().execute(async (trx) => {
    const message = await getMessageRow({ db: trx }, id);
    if (!from.includes(message.status)) throw conflict(`The message is ${message.status}`, alreadyReason(message.status));
    const status = to(message);
    const now = deps.clock.now().toISOString();
    const changes = status === 'sending' ? { status, started_at: message.started_at ?? now } : { status };
    if (!(await updateMessageIfStatus(trx, id, [message.status], { ...changes, updated_at: now }))) {
      throw conflict('The message changed meanwhile; try again');
    }
    return { id, status, scheduled_at: message.scheduled_at, timezone: message.timezone };
  });
}

function alreadyReason(status: MessageStatus): string {
  switch (status) {
    case 'sent': return 'It has been sent already; compose a new message to send again.';
    case 'cancelled': return 'It was cancelled; compose a new message to send again.';
    case 'sending': return 'It is being sent now; pause it first.';
    case 'draft': return 'It has not been sent yet.';
    default: return `Its status is ${status}.`;
  }
}
