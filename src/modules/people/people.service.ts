// Reading people as the API shows them (OSDI's shape: email_addresses with their status) and changing consent.
import type { Deps } from '../../deps.ts';
import type { Person, SubscriptionStatus } from '../../db/schema.ts';
import { conflict, notFound } from '../../http/problem.ts';
import { normaliseEmail } from './email-address.ts';
import { findPersonById, selectPeople, selectTagsOf } from './people.repo.ts';
import { changeSubscription } from './subscriptions.service.ts';

export interface PersonView {
  id: number;
  given_name: string | null;
  family_name: string | null;
  email_addresses: { address: string; status: SubscriptionStatus; primary: true }[];
  tags: string[];
  language: string | null;
  country: string | null;
  postal_code: string | null;
  custom_fields: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export interface PeopleQuery {
  email?: string;
  tag?: string[];
  limit?: number;
  after?: number;
}

export interface PeoplePage {
  items: PersonView[];
  /** Pass as `after` for the next page; absent on the last one. */
  next_after?: number;
}

export async function listPeople(deps: Pick<Deps, 'db'>, query: PeopleQuery = {}): Promise<PeoplePage> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const rows = await selectPeople(deps.db, {
    ...(query.email !== undefined ? { email: normaliseEmail(query.email) } : {}),
    ...(query.tag ? { tags: query.tag } : {}),
    ...(query.after !== undefined ? { after: query.after } : {}),
  }, limit + 1);
  const page = rows.slice(0, limit);
  const items = await toPersonViews(deps, page);
  return rows.length > limit ? { items, next_after: page.at(-1)!.id } : { items };
}

export async function getPerson(deps: Pick<Deps, 'db'>, id: number): Promise<PersonView> {
  const person = await findPersonById(deps.db, id);
  if (!person) throw notFound('Person');
  return (await toPersonViews(deps, [person]))[0]!;
}

/**
 * Sets a person's status on an organiser's word. A spam complaint is the person's own, so it is not lifted
 * here: only the person subscribing again through a form may do that.
 */
export async function setSubscription(
  deps: Pick<Deps, 'db' | 'clock'>, id: number, change: { status: SubscriptionStatus; reason?: string | undefined },
): Promise<PersonView> {
  const person = await getPerson(deps, id);
  const current = person.email_addresses[0]!.status;
  if (current === 'spam complaint' && change.status === 'subscribed') {
    throw conflict('This person reported a message as spam', 'Only they can subscribe again, through a sign-up form.');
  }
  await changeSubscription(deps, id, change.status, { source: 'api', detail: change.reason ?? null });
  return getPerson(deps, id);
}

/** People as the API shows them, with their tags (one query for all of them). */
export async function toPersonViews(deps: Pick<Deps, 'db'>, people: Person[]): Promise<PersonView[]> {
  const tags = await selectTagsOf(deps.db, people.map((p) => p.id));
  return people.map((p) => ({
    id: p.id,
    given_name: p.given_name,
    family_name: p.family_name,
    email_addresses: [{ address: p.email, status: p.status, primary: true }],
    tags: tags.get(p.id) ?? [],
    language: p.language,
    country: p.country,
    postal_code: p.postal_code,
    custom_fields: JSON.parse(p.custom_fields) as Record<string, string>,
    created_at: p.created_at,
    updated_at: p.updated_at,
  }));
}
