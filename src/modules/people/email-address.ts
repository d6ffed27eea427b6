// Email addresses as people are matched by them: trimmed and lower-cased, with a sensible (not RFC-complete) check.

export const MAX_EMAIL_LENGTH = 254;

/** The form addresses are stored and compared in. */
export function normaliseEmail(value: string): string {
  return value.trim().normalize('NFC').toLowerCase();
}

/**
 * Why an address (already normalised) would not reach anyone, or undefined when it looks deliverable:
 * one @, something before it, a domain with a dot and no empty labels, no spaces or mailbox punctuation
 * (a pasted `Name <a@b.org>` or `a@b.org, c@d.org` is caught here rather than mailed to).
 */
export function emailAddressProblem(address: string): string | undefined {
  if (address.length > MAX_EMAIL_LENGTH) return `longer than ${MAX_EMAIL_LENGTH} characters`;
  const at = address.indexOf('@');
  if (at < 0 || at !== address.lastIndexOf('@')) return 'needs exactly one @';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === '' || local.length > 64) return 'nothing (or too much) before the @';
  if (/[\s<>()[\]\\,;:"]/.test(address)) return 'contains spaces or punctuation an address cannot have';
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return 'has a misplaced dot before the @';
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => l === '' || l.startsWith('-') || l.endsWith('-'))) {
    return 'the part after the @ is not a domain';
  }
  return undefined;
}
