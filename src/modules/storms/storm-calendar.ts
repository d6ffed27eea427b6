// The calendar entry of one storm (/s/:slug/storm.ics), its words in the page's language.
import type { Deps } from '../../deps.ts';
import type { Storm } from '../../db/schema.ts';
import type { Translator } from '../../i18n/index.ts';
import { calendarEntry } from './calendar-entry.ts';
import { stormUrl } from './storms.service.ts';

export function stormCalendarEntry(deps: Pick<Deps, 'config' | 'clock'>, storm: Storm, t: Translator): string {
  const url = stormUrl(deps, storm.slug);
  return calendarEntry({
    uid: `storm-${storm.id}@${new URL(deps.config.publicUrl).hostname}`,
    stamp: deps.clock.now(),
    start: storm.starts_at,
    end: storm.ends_at,
    lastModified: storm.updated_at,
    summary: storm.title,
    summaryLanguage: storm.language,
    description: t.text('reminder.calendar.description', { url }),
    url,
    language: t.lang,
    timezone: storm.timezone,
    alarm: t.text('reminder.calendar.alarm', { title: storm.title }),
  });
}
