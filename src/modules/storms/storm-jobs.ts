// The worker side of storms: reading the public posts of live storms, every PUBLIC_POSTS_POLL_SECONDS.
import type { Deps } from '../../deps.ts';
import { pollPublicPosts } from './poll-public-posts.service.ts';

export const POLL_PUBLIC_POSTS_JOB = 'storms.poll-public-posts';

export function registerStormJobs(deps: Deps): void {
  if (deps.config.publicPostsPollMs === 0) return;
  deps.jobs.every(POLL_PUBLIC_POSTS_JOB, deps.config.publicPostsPollMs, () => pollPublicPosts(deps));
}
