// The reminder wave at a storm's start: everyone who asked for a reminder and, when the organiser chose
// `requested_and_invited`, everyone its invitations reached who is still subscribed, gets one email with
// their own link to the page. It goes through the delivery engine as one message of kind "reminder" per
// language (the recipient's: the page's when they asked, else their own, else the storm's), each made once
// per storm and start. The worker's tick runs this once per interval across all workers; a repeat, or two
// at once, adds nobody twice (a person once per message) and starts nothing twice (draft → sending once).
import type { Deps } from '../../deps.ts';
import type { Storm } from '../../db/schema.ts';
import { supportedLanguage } from '../../i18n/index.ts';
import { translatorFor } from '../accounts/index.ts';
import {
  addKeyedRecipients, findInvitationMessages, listInvitedBatch, openKeyedMessage, startKeyedMessage, type KeyedRecipient,
} from '../messages/index.ts';
import { listReminderAddresses, subscribedAmong } from '../people/index.ts';
import { reminderEmail, type ReminderEmail } from './reminder-email.ts';
import { forgetIpMarksBefore, markRemindersSent, selectRequestsAfter, selectStormsDueReminders } from './reminders.repo.ts';
import { stormUrl } from './storms.service.ts';
import { matchLanguage } from '../../lib/content-language.ts';
import { selectStormTranslations } from './translations.repo.ts';

type WaveDeps = Pick<Deps, 'db' | 'clock' | 'jobs' | 'config' | 'secret'>;

const BATCH = 500;
const HOUR_MS = 3_600_000;

/** The worker's tick: the waves of storms that have started, and the hourly limit's marks forgotten. */
export async function sendDueReminderWaves(deps: WaveDeps): Promise<void> {
  const now = deps.clock.now();
  await forgetIpMarksBefore(deps.db, new Date(now.getTime() - HOUR_MS).toISOString());
  for (const storm of await selectStormsDueReminders(deps.db, now.toISOString())) await sendReminderWave(deps, storm);
}

export async function sendReminderWave(deps: WaveDeps, storm: Storm): Promise<void> {
  const messages = reminderMessages(deps, storm);
  // a person is reminded once, as one who asked if they did, whatever else they got
  const included = new Set<number>();
  for (let after = 0; ;) {
    const requests = await selectRequestsAfter(deps.db, storm.id, after, BATCH);
    if (requests.length === 0) break;
    after = requests.at(-1)!.id;
    // an address that unsubscribed, bounced or complained since it asked is left out
    const addresses = await listReminderAddresses(deps, requests.map((r) => r.person_id));
    for (const r of requests) {
      included.add(r.person_id);
      const email = addresses.get(r.person_id);
      if (email) messages.add(r.language, r.person_id, email, 'requested');
    }
    await messages.flush();
  }

  if (storm.reminder_audience === 'requested_and_invited') {
    const invitations = await findInvitationMessages(deps, stormUrl(deps, storm.slug));
    for (let after = 0; ;) {
      const invited = await listInvitedBatch(deps, invitations, after, BATCH);
      if (invited.length === 0) break;
      after = invited.at(-1)!.recipientId;
      const subscribed = await subscribedAmong(deps, invited.map((r) => r.personId));
      for (const r of invited) {
        if (included.has(r.personId) || !subscribed.has(r.personId)) continue;
        included.add(r.personId);
        messages.add(supportedLanguage(r.language) ?? storm.language, r.personId, r.email, 'invited');
      }
      await messages.flush();
    }
  }

  await messages.startAll();
  await markRemindersSent(deps.db, storm.id, storm.starts_at);
}

interface Pending { personId: number; email: string; reason: 'requested' | 'invited' }

/** The wave's messages by language, made as their first recipient comes; recipients go in a batch at a time. */
function reminderMessages(deps: WaveDeps, storm: Storm) {
  const opened = new Map<string, Promise<{ id: number; draft: boolean; email: ReminderEmail }>>();
  let pending = new Map<string, Pending[]>();
  // read when the first message is made: a wave with nobody to remind reads nothing
  let translations: ReturnType<typeof selectStormTranslations> | undefined;

  function open(lang: string) {
    let message = opened.get(lang);
    if (!message) {
      message = (async () => {
        // the storm's title in the email's language when the storm has a version in it
        translations ??= selectStormTranslations(deps.db, storm.id);
        const version = (await translations).find((t) => matchLanguage([t.language], lang));
        const email = reminderEmail(await translatorFor(deps, lang), { ...storm, title: version?.title ?? storm.title }, stormUrl(deps, storm.slug));
        const { id, status } = await openKeyedMessage(deps, {
          // a storm moved to a later start gets a wave of its own
          reference: `storm-reminder:${storm.id}:${storm.starts_at}:${lang}`,
          kind: 'reminder', subject: email.subject, body: email.body, language: lang,
        });
        return { id, draft: status === 'draft', email };
      })();
      opened.set(lang, message);
    }
    return message;
  }

  return {
    add(language: string, personId: number, email: string, reason: 'requested' | 'invited') {
      const lang = supportedLanguage(language) ?? 'en';
      const list = pending.get(lang) ?? [];
      list.push({ personId, email, reason });
      pending.set(lang, list);
    },
    async flush() {
      const batch = pending;
      pending = new Map();
      for (const [lang, recipients] of batch) {
        const message = await open(lang);
        // one started before (an earlier run) already has everyone it will have
        if (!message.draft) continue;
        await addKeyedRecipients(deps, message.id, recipients.map(({ personId, email, reason }): KeyedRecipient => ({
          personId, email, values: { email, language: lang, ...message.email.values, reminder_reason: message.email.reasons[reason] },
        })));
      }
    },
    async startAll() {
      for (const message of opened.values()) {
        const { id, draft } = await message;
        if (draft) await startKeyedMessage(deps, id);
      }
    },
  };
}
