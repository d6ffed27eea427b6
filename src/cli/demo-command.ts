// `outcry demo`: a demo organisation so a newcomer sees the whole chain at once — 50 fictional supporters,
// a storm like the closing-ceremony one (live now, or counting down with --upcoming), the article it offers
// and its invitation.
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { createArticle, findArticleReference } from '../modules/articles/index.ts';
import { createMessage } from '../modules/messages/index.ts';
import { importPeople } from '../modules/people/index.ts';
import { createStorm, findStormBySlug, stormUrl } from '../modules/storms/index.ts';
import { withRuntime } from './context.ts';
import { DEMO_ARTICLE, DEMO_HASHTAGS, DEMO_SLUG, DEMO_TAG, DEMO_VARIANTS, demoInvitation, demoSupportersCsv } from './demo-content.ts';

const HOUR = 3_600_000;

export function registerDemoCommand(program: Command): void {
  program.command('demo')
    .description('fill a demo organisation: 50 fictional supporters, a storm and its invitation email')
    .option('--upcoming', 'the storm starts tomorrow (the page counts down) instead of now')
    .action(async (opts: { upcoming?: boolean }) => {
      await withRuntime(program.opts(), async ({ deps }) => {
        const existing = await findStormBySlug(deps, DEMO_SLUG);
        if (existing) {
          console.log(`The demo is already here: ${stormUrl(deps, DEMO_SLUG)}`);
          return;
        }
        const people = await importPeople(deps, Readable.from([demoSupportersCsv()]), { tags: [DEMO_TAG] });
        const article = (await findArticleReference(deps, DEMO_ARTICLE.slug)) ?? (await createArticle(deps, DEMO_ARTICLE));
        const now = deps.clock.now().getTime();
        const startsAt = opts.upcoming ? now + 24 * HOUR : now - 60_000;
        const storm = await createStorm(deps, {
          title: 'Genocide Games: the closing-ceremony storm',
          slug: DEMO_SLUG,
          starts_at: new Date(startsAt).toISOString(),
          ends_at: new Date(startsAt + 48 * HOUR).toISOString(),
          timezone: 'Europe/London',
          hashtags: DEMO_HASHTAGS,
          article: article.id,
          messages: DEMO_VARIANTS.map((text) => ({ text })),
        });
        const message = await createMessage(deps, { ...demoInvitation(storm.url, article.url), targets: { tags: [DEMO_TAG] } });
        console.log(`Demo ready:
  ${people.imported} supporters tagged "${DEMO_TAG}" (outcry people list --tag ${DEMO_TAG})
  storm page:   ${storm.url}   (${opts.upcoming ? 'counts down to tomorrow' : 'live for 48 hours'})
  article:      ${article.url}   (read and share; its numbers at GET /api/v1/articles/${article.id}/stats)
  invitation:   message #${message.id}, a draft to everyone tagged "${DEMO_TAG}"

Next:
  npm start                                   then open the storm page
  SMTP_URL=smtp://127.0.0.1:2525 npx outcry messages send ${message.id}   sends it through that relay
  npx outcry token create --name me            a token for the API: GET /api/v1/storms/${storm.id}/stats`);
      });
    });
}
