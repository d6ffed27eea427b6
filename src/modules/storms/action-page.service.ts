// What a supporter sees at /s/:slug, by the clock: the start time before, one message to post during, thanks
// after. Each visit is counted, with the person when they came from their email (?r=) and the visitor id.
import type { Deps } from '../../deps.ts';
import type { Storm, StormVariant } from '../../db/schema.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { findRecipient } from '../messages/index.ts';
import { countStormPosters, peekStormPosters, readStormPosters, recordEvent } from '../tracking/index.ts';
import { assignSupporter, peekAssignment } from './assign-supporter.ts';
import { nextPosition, variantAt } from './rotation.ts';
import { findCachedStorm, peekCachedStorm } from './storm-cache.ts';
import { stormAsWanted } from './storm-language.ts';
import { stormState } from './storms.service.ts';
import { supporterPost } from './supporter-post.ts';
import type { StoredTarget } from './targets.service.ts';

export interface Visit {
  slug: string;
  /** ?r= from a personal link in an email. */
  r?: unknown;
  /** ?variant=N: the supporter asked for another message. */
  variant?: unknown;
  /** The first-party visitor id (made by the route when the visitor had none). */
  visitor: string;
  /** The route made the visitor id just now: nothing can be stored for it yet. */
  newVisitor?: boolean;
  /** False for a HEAD request (link previews, scanners): nobody looked, so nothing is counted. */
  count?: boolean;
  /** The languages the visitor chose on the page (?lang=, the remembered choice), most recent first. */
  chosen?: readonly unknown[];
  /** Their browser's languages (Accept-Language), most wanted first. */
  accepted?: readonly string[];
}

export type ActionPage =
  | { state: 'missing' }
  | { state: 'before'; storm: Storm }
  | { state: 'after'; storm: Storm; /** How many people posted: the thanks says so. */ posters: number }
  | {
    state: 'during';
    storm: Storm;
    variant: StormVariant;
    /** The full post: the variant with its slots filled, the hashtags and the article link, as on X. */
    postText: string;
    /** The official the post addresses, when its message has {target}. */
    target: StoredTarget | undefined;
    /** For "Another message"; undefined when the storm has one. */
    nextPosition: number | undefined;
    /** The recipient token to carry into the form and links, when it looks like one. */
    r: string | undefined;
    /** How many people have posted so far: the live counter starts from it. */
    posters: number;
  };

/** During the storm the page is read in bursts: one read of the number of posters serves a second's pages (per process). */
const POSTERS_AGE = { maxAgeMs: 1_000 };

export async function openActionPage(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'notifier'>, visit: Visit): Promise<ActionPage> {
  // a burst's requests find the storm read and done: they need not wait a turn for it
  const found = peekCachedStorm(deps.db, visit.slug) ?? await findCachedStorm(deps.db, visit.slug);
  if (!found) return { state: 'missing' };
  const r = isTokenShaped(visit.r) ? visit.r : undefined;
  const recipient = r ? await findRecipient(deps, r) : undefined;
  // their choice on the page, else their own language, else their browser's, else the storm's
  const cached = stormAsWanted(found, () => [...(visit.chosen ?? []), recipient?.language, ...(visit.accepted ?? [])]);
  const { storm, variants } = cached;
  const state = stormState(storm, deps.clock.now());
  const personId = recipient?.person_id ?? null;
  const count = visit.count ?? true;
  if (state !== 'during') {
    if (count) await recordEvent(deps, { kind: 'page_view', storm_id: storm.id, person_id: personId, visitor: visit.visitor });
    // after the storm the number is final, and read exactly
    return state === 'after' ? { state, storm, posters: await countStormPosters(deps, storm.id) } : { state, storm };
  }
  // a HEAD (nobody looking) is given nothing to keep
  const who = { personId: recipient?.person_id, visitor: visit.visitor, newVisitor: visit.newVisitor ?? false };
  // a burst's new supporters are given theirs at once, with nothing to wait for
  const given = count ? peekAssignment(deps, cached, who) ?? await assignSupporter(deps, cached, who) : undefined;
  const variant = variantAt(variants, visit.variant) ?? variants.find((v) => v.id === given?.assignment.variantId) ?? variants[0];
  if (!variant) throw new Error(`storm ${storm.id} has no variants in rotation`);
  const post = supporterPost(deps, cached, variant, given?.assignment);
  if (given) {
    const event = { kind: 'page_view' as const, storm_id: storm.id, person_id: personId, visitor: visit.visitor, variant_id: variant.id, target_id: post.target?.id ?? null };
    await Promise.all([given.stored, recordEvent(deps, event)]);
  }
  return {
    state,
    storm,
    variant,
    postText: post.text,
    target: post.target,
    nextPosition: nextPosition(variants, variant.position),
    r,
    posters: peekStormPosters(deps, storm.id, POSTERS_AGE) ?? await readStormPosters(deps, storm.id, POSTERS_AGE),
  };
}
