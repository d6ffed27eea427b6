// Every main screen of the organiser's app, checked by axe (no serious or critical WCAG 2.2 A/AA violation)
// and kept as a screenshot (test-artifacts/app-screen-*.png).
import { describe, expect, it } from 'vitest';
import { useAppFixture } from '../helpers/app-browser.ts';
import { browserSkipReason } from '../helpers/browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** the organiser's app's screens: ${skip} ***\n`);

describe.skipIf(!!skip)('the organiser\'s app, screen by screen', () => {
  const f = useAppFixture();

  it('has no serious accessibility problem on any main screen', async () => {
    const { context, page, errors } = await f.signedIn(f.owner);
    const screens: [string, string][] = [
      ['/app', 'home'], ['/app/supporters', 'supporters'], [`/app/supporters/${f.personId}`, 'person'], ['/app/supporters/import', 'import'],
      ['/app/messages', 'messages'], ['/app/messages/new', 'compose'], [`/app/messages/${f.messageId}`, 'message'],
      ['/app/storms', 'storms'], ['/app/storms/new', 'storm-new'], [`/app/storms/${f.stormId}/edit`, 'storm-edit'], [`/app/storms/${f.stormId}`, 'storm-live'],
      ['/app/settings/account', 'settings-account'], ['/app/settings/organisation', 'settings-organisation'], ['/app/settings/email', 'settings-email'],
      ['/app/settings/users', 'settings-users'], ['/app/settings/tokens', 'settings-tokens'], ['/app/settings/strings', 'settings-strings'],
      ['/app/settings/audit', 'settings-audit'],
    ];
    const found: string[] = [];
    for (const [path, name] of screens) found.push(...await f.check(page, path, name));
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000); // about 35 s alone; more while other suites share the two cores
});
