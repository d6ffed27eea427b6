// Storing one batch of imported rows in one transaction: new people are added as subscribed, people already
// stored get the file's non-empty values, and nobody loses a tag, a value or their unsubscription.
import type { Deps } from '../../deps.ts';
import type { Db, NewPerson, Person } from '../../db/schema.ts';
import type { ImportedPerson } from './import-row.ts';
import { erasedAddressHash } from './erased-address.ts';
import { selectErasedHashes } from './erasures.repo.ts';
import {
  insertPeople, insertSubscriptionChanges, insertTags, selectPeopleByEmails, touchPeople, updatePerson, updateStatus, type PersonChanges,
} from './people.repo.ts';

export interface BatchOutcome {
  /** Addresses added as new people. */
  inserted: string[];
  /** Addresses that were stored before this batch. */
  matched: string[];
  /** Rows not stored because their address was erased on request. */
  erased: ImportedPerson[];
}

const FIELDS = ['given_name', 'family_name', 'language', 'country', 'postal_code'] as const;

export async function storeImportBatch(deps: Pick<Deps, 'db' | 'clock' | 'secret'>, offered: ImportedPerson[], extraTags: string[]): Promise<BatchOutcome> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await byEmail(trx, offered.map((p) => p.email));
    // an address erased on request is not added back by an import: its row is reported instead
    const erased = await erasedAmong(trx, deps.secret, offered.filter((p) => !existing.has(p.email)));
    const people = offered.filter((p) => !erased.includes(p));
    const fresh = people.filter((p) => !existing.has(p.email));
    const inserted = await insertPeople(trx, fresh.map((p) => newPerson(p, now)));
    const ids = new Map(inserted.map((r) => [r.email, r.id]));
    // someone stored meanwhile (a concurrent import or sign-up) is updated like anyone already there
    const raced = fresh.filter((p) => !ids.has(p.email)).map((p) => p.email);
    for (const [email, person] of await byEmail(trx, raced)) existing.set(email, person);

    // new people are subscribed by their import; people already stored keep their status, whatever it is,
    // except those who had only asked for a storm's reminder: the import is what puts them on the list
    await insertSubscriptionChanges(trx, inserted.map((r) => ({
      person_id: r.id, status: 'subscribed' as const, previous_status: null, source: 'import', detail: null, changed_at: now,
    })));
    const reminderOnly = [...existing.values()].filter((p) => p.status === 'reminder only');
    for (const p of reminderOnly) await updateStatus(trx, p.id, 'subscribed', now);
    await insertSubscriptionChanges(trx, reminderOnly.map((p) => ({
      person_id: p.id, status: 'subscribed' as const, previous_status: 'reminder only' as const, source: 'import', detail: null, changed_at: now,
    })));

    const changed = new Set<number>();
    for (const p of people) {
      const current = existing.get(p.email);
      if (!current) continue;
      ids.set(p.email, current.id);
      const changes = changesFor(current, p);
      if (changes) {
        await updatePerson(trx, current.id, changes, now);
        changed.add(current.id);
      }
    }

    const pairs = people.flatMap((p) => [...new Set([...p.tags, ...extraTags])].map((tag) => ({ person_id: ids.get(p.email)!, tag })));
    const gainedTag = await insertTags(trx, pairs);
    await touchPeople(trx, [...existing.values()].map((p) => p.id).filter((id) => gainedTag.has(id) && !changed.has(id)), now);

    return { inserted: inserted.map((r) => r.email), matched: [...existing.keys()], erased };
  });
}

async function erasedAmong(db: Db, secret: string, people: ImportedPerson[]): Promise<ImportedPerson[]> {
  const hashes = new Map(people.map((p) => [p, erasedAddressHash(secret, p.email)]));
  const erased = await selectErasedHashes(db, [...hashes.values()]);
  return people.filter((p) => erased.has(hashes.get(p)!));
}

async function byEmail(db: Db, emails: string[]): Promise<Map<string, Person>> {
  return new Map((await selectPeopleByEmails(db, emails)).map((p) => [p.email, p]));
}

function newPerson(p: ImportedPerson, now: string): NewPerson {
  return {
    email: p.email,
    given_name: p.given_name ?? null,
    family_name: p.family_name ?? null,
    language: p.language ?? null,
    country: p.country ?? null,
    postal_code: p.postal_code ?? null,
    custom_fields: JSON.stringify(p.custom_fields),
    status: 'subscribed',
    status_changed_at: now,
    created_at: now,
    updated_at: now,
  };
}

/** What the file changes about someone already stored: only its non-empty values, custom fields merged in. */
function changesFor(current: Person, p: ImportedPerson): PersonChanges | undefined {
  const changes: PersonChanges = {};
  for (const field of FIELDS) {
    const value = p[field];
    if (value !== undefined && value !== current[field]) changes[field] = value;
  }
  const stored = JSON.parse(current.custom_fields) as Record<string, string>;
  if (Object.entries(p.custom_fields).some(([k, v]) => stored[k] !== v)) {
    changes.custom_fields = JSON.stringify({ ...stored, ...p.custom_fields });
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}
