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
  let head = `From: ${senderHeader(mail.from)}${CRLF}To: ${mailboxHeader(mail.to)}${CRLF}Subject: ${unstructured(mail.subject)}${CRLF}`
    + `Date: ${dateHeader(mail.date)}${CRLF}Message-ID: <${mail.messageId}>${CRLF}MIME-Version: 1.0${CRLF}`;
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (/[^\x20-\x7e]/.test(value)) throw new Error(`header ${name} must be one line of ASCII`);
    head += `${name}: ${value}${CRLF}`;
  }
  const body = mail.body ?? alternativeBody(mail.text ?? '', mail.html ?? '');
  // written into one buffer of its own, which the mail thread is handed rather than sent a copy of
  let size = head.length;
  for (const piece of body) size += piece.length;
  const message = Buffer.allocUnsafeSlow(size);
  let at = message.write(head, 0, 'latin1'); // every header character is ASCII by now
  for (const piece of body) {
    message.set(piece, at);
    at += piece.length;
  }
  return message;
}

// every mail of a send has the same sender, and most of them the Date of the one before (to the second)
let lastSender = { value: '', header: '' };
let lastDate = { second: NaN, header: '' };

function senderHeader(value: string): string {
  if (lastSender.value !== value) lastSender = { value, header: mailboxHeader(value) };
  return lastSender.header;
}

function dateHeader(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (lastDate.second !== second) lastDate = { second, header: date.toUTCString().replace('GMT', '+0000') };
  return lastDate.header;
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
