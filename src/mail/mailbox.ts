// Sender mailboxes ("Rahima Mahmut <rahima@example.org>"): checked when a message is composed, written
// back in a form every relay parses the same way. Line breaks are refused, so no header can be injected.

export interface Mailbox {
  name: string;
  address: string;
}

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

/** The mailbox in `value`, or undefined when it is not exactly one valid mailbox. */
export function parseMailbox(value: string): Mailbox | undefined {
  const text = value.trim();
  if (/[\r\n\0]/.test(text) || text.length > 320) return undefined;
  const angled = /^(.*?)\s*<([^<>]*)>$/s.exec(text);
  const name = angled ? unquote(angled[1]!.trim()) : '';
  const address = angled ? angled[2]!.trim() : text;
  if (!ADDRESS.test(address) || /[<>]/.test(name)) return undefined;
  return { name, address };
}

export function formatMailbox({ name, address }: Mailbox): string {
  if (!name) return address;
  return /[()<>[\]:;@\\,."]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>` : `${name} <${address}>`;
}

function unquote(name: string): string {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(name);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : name;
}

/** Name and address of a mailbox already checked (or configured by the operator), without judging it again. */
export function splitMailbox(value: string): Mailbox {
  const text = value.trim();
  if (!text.endsWith('>')) return { name: '', address: text }; // a bare address: each recipient's
  const angled = /^(.*?)\s*<([^<>]*)>$/s.exec(text);
  return angled ? { name: unquote(angled[1]!.trim()), address: angled[2]!.trim() } : { name: '', address: text };
}
