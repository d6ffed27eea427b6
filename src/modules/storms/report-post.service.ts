// "I posted — here is the link": a supporter tells us where their post is. Counted as a post_reported event
// with the network the link is on, from the start of the storm on (a link may come in after its end).
import type { Deps } from '../../deps.ts';
import { Problem, notFound } from '../../http/problem.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { findRecipient } from '../messages/index.ts';
import { recordEvent } from '../tracking/index.ts';
import { postLinkOf } from './post-link.ts';
import { findStormBySlug, stormState } from './storms.service.ts';

export interface ReportForm {
  url: string;
  r?: string | undefined;
}

export type ReportOutcome = { kind: 'recorded'; network: string } | { kind: 'too-early' };

const notAPostLink = () => new Problem(400, 'post-link-invalid', 'That is not a link to a post',
  'Paste the address of your post as your browser shows it, such as https://bsky.app/profile/you.bsky.social/post/… or https://x.com/you/status/…');

export async function reportPost(deps: Pick<Deps, 'db' | 'clock' | 'notifier'>, slug: string, form: ReportForm, visitor: string | undefined): Promise<ReportOutcome> {
  const storm = await findStormBySlug(deps, slug);
  if (!storm) throw notFound('Storm');
  if (stormState(storm, deps.clock.now()) === 'before') return { kind: 'too-early' };
  const link = postLinkOf(form.url);
  if (!link) throw notAPostLink();
  const recipient = isTokenShaped(form.r) ? await findRecipient(deps, form.r) : undefined;
  await recordEvent(deps, {
    kind: 'post_reported', storm_id: storm.id, network: link.network, url: link.url,
    person_id: recipient?.person_id ?? null, visitor: visitor ?? null,
  });
  return { kind: 'recorded', network: link.network };
}
