// Tracking: signed first-party links and the events they and the public pages record.
// Other modules write events through recordEvent and read numbers through the functions below.
export { recordEvent } from './record-event.ts';
export type { NewEvent } from './events.repo.ts';
export { stormEventTotals, type StormEventTotals } from './storm-totals.repo.ts';
export { stormPostsByTarget } from './storm-target-posts.repo.ts';
export { countStormPosters } from './storm-posters.repo.ts';
export { peekStormPosters, readStormPosters } from './storm-posters-reader.ts';
export { stormEventsChannel, type StormEventsNotice } from './event-announcements.ts';
export { countPageClickers } from './page-clickers.repo.ts';
export { articleEventTotals, type ArticleEventTotals } from './article-totals.repo.ts';
export { messageEventTotals, type MessageEventTotals } from './message-totals.repo.ts';
export { signUrl, verifySignedUrl } from './signed-urls.ts';
export { recordFirstOpen } from './opens.repo.ts';
export { messageClickers } from './message-clickers.repo.ts';
export { personEvents, anonymisePersonEvents } from './person-events.repo.ts';
