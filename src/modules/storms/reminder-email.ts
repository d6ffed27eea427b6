// The reminder email of a storm in one language, from the catalogues (with the organisation's own wording):
// a subject and a Markdown body for the delivery engine. The storm's title and why the recipient gets it
// are merge values, never template source, so nothing an organiser or a translator writes can be read as
// Markdown or Liquid; the title sits in Unicode isolates, as it may run the other way from the email.
import type { Storm } from '../../db/schema.ts';
import type { Translator } from '../../i18n/index.ts';

export interface ReminderEmail {
  subject: string;
  body: string;
  /** The merge values every recipient of this language shares; add `reminder_reason` per recipient. */
  values: { storm_title: string };
  /** Why each recipient gets it, in this language. */
  reasons: { requested: string; invited: string };
}

const TITLE = '\u0000title\u0000';
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~]/g;

/** `pageUrl`: the storm page; the engine makes it each recipient's own tracked link with their token. */
export function reminderEmail(t: Translator, storm: Pick<Storm, 'title' | 'ends_at' | 'timezone'>, pageUrl: string): ReminderEmail {
  const liquidTitle = (text: string) => text.split(TITLE).join('{{ storm_title }}');
  const markdown = (text: string) => liquidTitle(text.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`));
  const started = t.text('reminder.email.started', { title: TITLE, end: endTime(storm, t.lang) });
  const body = [
    markdown(started),
    `[${markdown(t.text('reminder.email.button'))}](${pageUrl})`,
    '{{ reminder_reason }}',
  ].join('\n\n');
  return {
    subject: liquidTitle(t.text('reminder.email.subject', { title: TITLE }).replace(/[{}]/g, '')),
    body,
    values: { storm_title: `\u2068${storm.title}\u2069` },
    reasons: { requested: t.text('reminder.email.whyRequested'), invited: t.text('reminder.email.whyInvited') },
  };
}

/** The end as a time of day in the storm's zone, with the zone's short name, in the email's language. */
function endTime(storm: Pick<Storm, 'ends_at' | 'timezone'>, lang: string): string {
  const options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: storm.timezone };
  try {
    return new Intl.DateTimeFormat(lang, options).format(new Date(storm.ends_at));
  } catch {
    return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' }).format(new Date(storm.ends_at));
  }
}
