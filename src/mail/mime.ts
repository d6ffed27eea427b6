// Builds the raw message (RFC 5322 + MIME) for one recipient. Written here rather than left to
// Nodemailer's composer because that composer costs about 2 ms of CPU per message (quoted-printable in
// JavaScript, header normalising, streams), several times the whole per-message budget of a large send.
// The body is made in mime-body.ts; non-ASCII header text is RFC 2047 encoded words.
import { splitMailbox } from './mailbox.ts';
import { alternativeBody, type MimeBody } from './mime-body.ts';

export interface MimeInput {
  from: string;
  to: string;
  subject: string;
  /** The body: prepared (mime-body.ts), or made here from its plain text and HTML. */
  body?: MimeBody;
  text?: string;
  html?: string;
  /** Without angle brackets. */
  messageId: string;
  date: Date;
  /** Extra headers; values must be single-line ASCII (URLs and tokens). */
  headers?: Record<string, string>;
}

const CRLF = '\r\n';

export function buildMime(mail: MimeInput): Buffer {
  const lines = [
    `From: ${mailboxHeader(mail.from)}`,
    `To: ${mailboxHeader(mail.to)}`,
    `Subject: ${unstructured(mail.subject)}`,
    `Date: ${mail.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${mail.messageId}>`,
    'MIME-Version: 1.0',
  ];
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (/[\r\n]/.test(value) || /[^\x20-\x7e]/.test(value)) throw new Error(`header ${name} must be one line of ASCII`);
    lines.push(`${name}: ${value}`);
  }
  lines.push('');
  const body = mail.body ?? alternativeBody(mail.text ?? '', mail.html ?? '');
  return Buffer.concat([Buffer.from(lines.join(CRLF), 'latin1'), ...body]); // every header character is ASCII by now
}

/** A mailbox header value: the display name encoded when it is not plain ASCII. */
function mailboxHeader(value: string): string {
  const mailbox = splitMailbox(value);
  if (/[\r\n<>\s]/.test(mailbox.address)) throw new Error(`not a mailbox: ${JSON.stringify(value)}`);
  if (!mailbox.name) return mailbox.address;
  if (/^[\x20-\x7e]*$/.test(mailbox.name)) {
    const name = /[()<>[\]:;@\\,."]/.test(mailbox.name) ? `"${mailbox.name.replace(/(["\\])/g, '\\$1')}"` : mailbox.name;
    return `${name} <${mailbox.address}>`;
  }
  return `${encodedWords(mailbox.name)}${CRLF} <${mailbox.address}>`;
}

/** Free text such as a subject: as it is when it is short ASCII, else encoded words, folded. */
function unstructured(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(clean) && clean.length <= 900 ? clean : encodedWords(clean);
}

/** RFC 2047 B-encoded words of at most 60 characters, split between characters, one per folded line. */
function encodedWords(value: string): string {
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const ch of value) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > 36) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(`${CRLF} `);
}
