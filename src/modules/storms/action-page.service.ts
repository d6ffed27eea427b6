// What a supporter sees at /s/:slug, by the clock: the start time before, one message to post during, thanks
// after. Each visit is counted, with the person when they came from their email (?r=) and the visitor id.
import type { Deps } from '../../deps.ts';
import type { Storm, StormVariant } from '../../db/schema.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { findRecipient } from '../messages/index.ts';
import { countStormPosters, recordEvent } from '../tracking/index.ts';
import { composePostText } from './post-text.ts';
import { chooseVariant, nextPosition, variantAt } from './rotation.ts';
import { findCachedStorm } from './storm-cache.ts';
import { hashtagsOf, stormState } from './storms.service.ts';

export interface Visit {
  slug: string;
  /** ?r= from a personal link in an email. */
  r?: unknown;
  /** ?variant=N: the supporter asked for another message. */
  variant?: unknown;
  /** The first-party visitor id (made by the route when the visitor had none). */
  visitor: string;
  /** False for a HEAD request (link previews, scanners): nobody looked, so nothing is counted. */
  count?: boolean;
}

export type ActionPage =
  | { state: 'missing' }
  | { state: 'before'; storm: Storm }
  | { state: 'after'; storm: Storm; /** How many people posted: the thanks says so. */ posters: number }
  | {
    state: 'during';
    storm: Storm;
    variant: StormVariant;
    /** The full post: the variant with the hashtags and the article link. */
    postText: string;
    /** For "Another message"; undefined when the storm has one. */
    nextPosition: number | undefined;
    /** The recipient token to carry into the form and links, when it looks like one. */
    r: string | undefined;
  };

export async function openActionPage(deps: Pick<Deps, 'db' | 'clock'>, visit: Visit): Promise<ActionPage> {
  const cached = await findCachedStorm(deps.db, visit.slug);
  if (!cached) return { state: 'missing' };
  const { storm, variants } = cached;
  const r = isTokenShaped(visit.r) ? visit.r : undefined;
  const recipient = r ? await findRecipient(deps, r) : undefined;
  const state = stormState(storm, deps.clock.now());
  const event = { kind: 'page_view' as const, storm_id: storm.id, person_id: recipient?.person_id ?? null, visitor: visit.visitor };
  const count = visit.count ?? true;
  if (state !== 'during') {
    if (count) await recordEvent(deps, event);
    // counted only once the storm is over: during it the page is read in bursts and stays lean
    return state === 'after' ? { state, storm, posters: await countStormPosters(deps, storm.id) } : { state, storm };
  }
  const variant = variantAt(variants, visit.variant) ?? chooseVariant(variants, storm.id, r ?? visit.visitor);
  if (!variant) throw new Error(`storm ${storm.id} has no variants in rotation`);
  if (count) await recordEvent(deps, { ...event, variant_id: variant.id });
  return {
    state,
    storm,
    variant,
    postText: composePostText({ text: variant.text, hashtags: hashtagsOf(storm), articleUrl: storm.article_url }),
    nextPosition: nextPosition(variants, variant.position),
    r,
  };
}
