// A storm as a calendar entry (RFC 5545): one VEVENT whose times are in UTC ("Z"), which every calendar
// reads as the same instant whatever its own zone, with the storm's zone as X-WR-TIMEZONE for those that
// show it, and an alarm ten minutes before. Text is escaped (\ ; , and line breaks) and every line folded
// at 75 octets without splitting a UTF-8 character, so Uyghur and Chinese titles arrive whole.

export interface CalendarEvent {
  /** Stable for the storm, so importing the entry again updates it rather than adding another. */
  uid: string;
  /** When this entry was made (DTSTAMP). */
  stamp: Date;
  /** ISO instants. */
  start: string;
  end: string;
  lastModified: string;
  summary: string;
  description: string;
  url: string;
  /** BCP 47 tags of the summary (the storm's) and of the description and alarm (the page's). */
  summaryLanguage: string;
  language: string;
  /** The storm's IANA zone. */
  timezone: string;
  alarm: string;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

export function calendarEntry(e: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Outcry//Storm calendar entry//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-TIMEZONE:${escapeText(e.timezone)}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${utcDateTime(e.stamp.toISOString())}`,
    `DTSTART:${utcDateTime(e.start)}`,
    `DTEND:${utcDateTime(e.end)}`,
    `LAST-MODIFIED:${utcDateTime(e.lastModified)}`,
    `SUMMARY;LANGUAGE=${parameter(e.summaryLanguage)}:${escapeText(e.summary)}`,
    `DESCRIPTION;LANGUAGE=${parameter(e.language)}:${escapeText(e.description)}`,
    // a URI value is not TEXT: its commas and semicolons stay as they are
    `URL;VALUE=URI:${e.url.replace(/[\r\n]/g, '')}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION;LANGUAGE=${parameter(e.language)}:${escapeText(e.alarm)}`,
    'TRIGGER:-PT10M',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** 2030-02-20T12:00:00.000Z → 20300220T120000Z (FORM #2, UTC). */
export function utcDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** TEXT (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped; other controls dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** A parameter value: quoted when it holds : ; or , (a language tag never does, but a tag is not trusted blindly). */
function parameter(value: string): string {
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * Folds a content line (§3.1): no line longer than 75 octets, continuation lines starting with one space
 * (which counts), and a break never inside a character's UTF-8 bytes.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
