// The values a message's merge tags see for one recipient, captured when their send is queued.
import type { AudienceMember } from '../people/index.ts';

export type MergeValues = Record<string, string | null>;

const NAMES = ['first_name', 'last_name', 'given_name', 'family_name', 'email', 'language', 'country', 'postal_code'];

export function mergeValuesOf(member: AudienceMember): MergeValues {
  // names starting with "__" are ours (links, unsubscribe URL); custom fields never override the standard ones
  const custom = Object.entries(member.custom_fields).filter(([k]) => !k.startsWith('__'));
  return {
    ...Object.fromEntries(custom),
    first_name: member.given_name,
    last_name: member.family_name,
    given_name: member.given_name,
    family_name: member.family_name,
    email: member.email,
    language: member.language,
    country: member.country,
    postal_code: member.postal_code,
  };
}

/** For a preview or test copy to an address that is nobody on the list: each tag shows its own name. */
export function placeholderValues(email: string): MergeValues {
  return { ...Object.fromEntries(NAMES.map((n) => [n, `[${n}]`])), email };
}
