// Versions in other languages, written in the organiser's app: a Turkish version of a storm (its posts kept
// in step with the storm's, each counted like them, the API's complaints next to the field) and of a
// message, which the API then returns, the storm page shows in Turkish and the preview shows on request.
import { describe, expect, it } from 'vitest';
import { sessionApi } from '../helpers/accounts.ts';
import { useAppFixture } from '../helpers/app-browser.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { artifactPath, browserSkipReason } from '../helpers/browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** versions in other languages in the app: ${skip} ***\n`);

const axeFindings = async (page: Parameters<typeof seriousViolations>[0], name: string) =>
  (await seriousViolations(page)).map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);

describe.skipIf(!!skip)('versions in other languages, written in the app', () => {
  const f = useAppFixture();

  it('adds a Turkish version of a storm, its posts following the storm\'s, too long a post refused beside it', async () => {
    const { context, page, errors } = await f.signedIn(f.owner);
    await page.goto(`${f.app.baseUrl}/app/storms/${f.stormId}/edit`);
    await page.locator('#variant-1').waitFor();
    // the storm is in Uyghur: that is no version's to take
    expect(await page.locator('#field-storm-version-language option[value="ug"]').count()).toBe(0);
    await page.selectOption('#field-storm-version-language', 'tr');
    await page.click('button:text-is("Add a version")');
    const version = page.locator('fieldset.version[data-language="tr"]');
    expect(await version.locator('legend').textContent()).toBe('Version in \u2068Turkish (tr)\u2069');
    expect(await version.locator('textarea').count()).toBe(2);
    expect(await version.locator('textarea').first().getAttribute('dir')).toBe('auto');

    // a post added to the storm is a text more to write in Turkish; removed, one less
    await page.click('button:text-is("Add a post")');
    expect(await version.locator('textarea').count()).toBe(3);
    await page.fill('#variant-2', 'Free them all, now');
    await page.fill('#version-0-post-1', 'to go with post 2');
    await page.fill('#version-0-post-2', 'Hepsini serbest bırakın');
    await page.click('button:text-is("Remove post 2")');
    expect(await version.locator('textarea').count()).toBe(2);
    expect(await page.inputValue('#version-0-post-1')).toBe('Hepsini serbest bırakın');

    await page.fill('#field-version-0-title', 'Uygurlar için sesimizi yükseltelim');
    await page.fill('#version-0-post-0', 'Uygurların yanında duralım');
    await page.fill('#version-0-post-1', `Hepsini serbest bırakın ${'ç'.repeat(290)}`);
    // counted by the server as the storm's own posts are, as the organiser types
    await expect.poll(() => page.locator('#version-0-post-1-lengths li[data-network="x"]').getAttribute('class'), { timeout: 10_000 }).toBe('over');
    await page.click('button:text-is("Save")');
    await expect.poll(() => page.locator('#version-0-post-1-error').textContent(), { timeout: 10_000 }).toContain('In tr: Message 2');
    expect(await page.locator('#version-0-post-0-error').count()).toBe(0);
    await page.screenshot({ path: artifactPath('app-screen-storm-version-too-long.png'), fullPage: true });

    await page.fill('#version-0-post-1', 'Hepsini serbest bırakın');
    await page.click('button:text-is("Save")');
    await expect.poll(() => page.locator('.done-note').textContent(), { timeout: 10_000 }).toBe('Saved.');
    const storm = await sessionApi(f.app, f.owner, 'GET', `/api/v1/storms/${f.stormId}`);
    expect(storm.body.variants.map((v: { text: string }) => v.text)).toEqual(['ئۇيغۇرلار بىلەن بىللە تۇرايلى', 'Free them all, now']);
    expect(storm.body.translations).toMatchObject([{ language: 'tr', title: 'Uygurlar için sesimizi yükseltelim',
      messages: [{ text: 'Uygurların yanında duralım' }, { text: 'Hepsini serbest bırakın' }] }]);

    // the saved version comes back into the editor, and the storm's page speaks it to a Turkish reader
    const found = await f.check(page, `/app/storms/${f.stormId}/edit`, 'storm-edit-version-tr');
    expect(await page.inputValue('#field-version-0-title')).toBe('Uygurlar için sesimizi yükseltelim');
    expect(await page.inputValue('#field-version-0-article')).toBe('');
    await page.goto(`${f.app.baseUrl}/s/screens?lang=tr`);
    expect(await page.locator('h1').textContent()).toContain('Uygurlar için sesimizi yükseltelim');
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);

  it('adds a Turkish version of a message, a broken one refused beside its field, and previews it in Turkish', async () => {
    const { context, page, errors } = await f.signedIn(f.owner);
    await page.goto(`${f.app.baseUrl}/app/messages/new`);
    await page.locator('#field-subject').waitFor();
    await page.fill('#field-subject', 'Join the storm on Friday');
    await page.fill('#field-body', 'Hi {{ first_name }}, post with us on Friday.');
    await page.selectOption('#field-message-version-language', 'tr');
    await page.click('button:text-is("Add a version")');
    await page.fill('#field-version-0-subject', 'Cuma günkü kampanyaya katılın');
    await page.fill('#field-version-0-body', 'Merhaba {{ first_name }, cuma günü bizimle paylaşın.');
    expect(await page.getAttribute('#field-version-0-body', 'dir')).toBe('auto');
    await page.click('button:text-is("Save and preview")');
    await expect.poll(() => page.locator('#field-version-0-body-error').count(), { timeout: 10_000 }).toBe(1);
    const found = await axeFindings(page, 'compose-version-tr');
    await page.screenshot({ path: artifactPath('app-screen-compose-version-refused.png'), fullPage: true });
    expect(await page.locator('#field-version-0-subject-error').count()).toBe(0);

    await page.fill('#field-version-0-body', 'Merhaba {{ first_name }}, cuma günü bizimle paylaşın.');
    await page.click('button:text-is("Save and preview")');
    await page.waitForURL(/\/app\/messages\/\d+$/);
    const id = page.url().split('/').at(-1);
    const message = await sessionApi(f.app, f.owner, 'GET', `/api/v1/messages/${id}`);
    expect(message.body.translations).toEqual([{ language: 'tr', subject: 'Cuma günkü kampanyaya katılın', body: 'Merhaba {{ first_name }}, cuma günü bizimle paylaşın.' }]);

    await page.locator('#field-preview-language').waitFor();
    await page.click('button:text-is("Show")');
    await expect.poll(() => page.locator('.preview-subject').textContent(), { timeout: 10_000 }).toBe('Join the storm on Friday');
    await page.selectOption('#field-preview-language', 'tr');
    await page.click('button:text-is("Show")');
    await expect.poll(() => page.locator('.preview-subject').textContent(), { timeout: 10_000 }).toBe('Cuma günkü kampanyaya katılın');
    expect(await page.locator('iframe.email-frame').getAttribute('srcdoc')).toContain('cuma günü bizimle paylaşın');
    await page.frameLocator('iframe.email-frame').locator('body').waitFor();
    found.push(...await axeFindings(page, 'message-preview-tr'));
    // the section alone: a full-page shot leaves the frame's content out
    await page.locator('section[aria-labelledby="preview-title"]').screenshot({ path: artifactPath('app-screen-message-preview-tr.png') });
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);
});
