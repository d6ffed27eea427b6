// The public pages in a real browser, in every shipped language: the storm page before, during and after,
// the unsubscribe pages and an error page. Each is in its language, laid out in its direction, and axe finds
// no serious or critical WCAG 2.2 A/AA violation on it. Screenshots go to test-artifacts/i18n-*.png.
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator, shippedLanguages, type Translator } from '../../src/i18n/index.ts';
import { manualClock } from '../../src/lib/clock.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { unsubscribeUrl } from '../../src/modules/messages/tracked-links.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { addSupporters } from '../helpers/fixtures.ts';
import { startTestApp } from '../helpers/test-app.ts';

const skip = browserSkipReason();
if (skip) console.warn(`\n*** the public pages in every language: ${skip} ***\n`);

const START = '2030-02-20T12:00:00.000Z';
const STATES = { before: '2030-02-20T11:00:00Z', during: '2030-02-20T12:30:00Z', after: '2030-02-20T14:30:00Z' } as const;
const ARTICLE = 'https://example.org/blog/what-is-happening-in-the-uyghur-region';
const STORMS: Record<string, { title: string; text: string }> = {
  en: { title: 'The genocide is not over', text: 'Tonight the Olympic flame goes out in Beijing. For the Uyghurs in the camps, the darkness goes on.' },
  tr: { title: 'Soykırım sürüyor', text: 'Doğu Türkistan’da soykırım sürüyor. Sessiz kalmayın.' },
  ug: { title: 'ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى', text: 'ئۇيغۇرلار بىلەن بىللە تۇرايلى' },
  'zh-Hans': { title: '种族灭绝仍在继续', text: '奥运圣火熄灭了，但维吾尔人的苦难仍在继续。' },
};

interface Layout { direction: string; textLeft: number; textRight: number; left: number; right: number; lines: number }

/** The h1's text box against the content box of <main>: where the title sits on the line. */
function titleLayout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const h1 = document.querySelector('h1')!;
    const range = document.createRange();
    range.selectNodeContents(h1);
    const text = range.getBoundingClientRect();
    const main = document.querySelector('main')!;
    const box = main.getBoundingClientRect();
    const style = getComputedStyle(main);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom))).size;
    return {
      direction: getComputedStyle(h1).direction, textLeft: text.left, textRight: text.right, lines,
      left: box.left + parseFloat(style.paddingLeft), right: box.right - parseFloat(style.paddingRight),
    };
  });
}

function expectAlignedToStart(layout: Layout, dir: 'ltr' | 'rtl') {
  expect(layout.direction).toBe(dir);
  if (dir === 'rtl') {
    expect(Math.abs(layout.textRight - layout.right)).toBeLessThan(2);
    // a short title on one line leaves its room on the left (one that wraps fills its first line)
    const width = layout.textRight - layout.textLeft;
    if (layout.lines === 1 && width < 0.9 * (layout.right - layout.left)) expect(layout.textLeft).toBeGreaterThan(layout.left + 20);
  } else {
    expect(Math.abs(layout.textLeft - layout.left)).toBeLessThan(2);
  }
}

describe.skipIf(!!skip)('the public pages in every language, in a browser', () => {
  const clock = manualClock(STATES.before);
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    app = await startTestApp('sqlite', { clock });
    browser = await launchBrowser();
    for (const [lang, { title, text }] of Object.entries(STORMS)) {
      const res = await app.api('POST', '/api/v1/storms', {
        title, slug: `storm-${lang.toLowerCase()}`, language: lang, timezone: 'Asia/Urumqi', starts_at: START, ends_at: '2030-02-20T14:00:00Z',
        hashtags: ['StandWithUyghurs'], messages: [{ text }, { text: `${text} ✊🏽` }], article_url: ARTICLE,
      });
      expect(res.status).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.cleanup();
    await app?.stop();
  });

  /** A fresh visitor (no cookies) whose browser speaks `locale`; axe needs CSP bypassed to be injected. */
  async function visit(path: string, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ bypassCSP: true, ...options });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, errors, open: () => page.goto(`${app.baseUrl}${path}`) };
  }

  async function checkPage(page: Page, t: Translator, shot: string) {
    expect(await page.getAttribute('html', 'lang')).toBe(t.lang);
    expect(await page.getAttribute('html', 'dir')).toBe(t.dir);
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(t.dir);
    expectAlignedToStart(await titleLayout(page), t.dir);
    await page.screenshot({ path: artifactPath(`i18n-${shot}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }

  it('before the start: the start written out in the page language, and a countdown in its words', async () => {
    clock.set(STATES.before);
    for (const lang of shippedLanguages) {
      const t = createTranslator(lang);
      // the visitor's clock: three days and an hour before the start
      const { context, page, errors, open } = await visit(`/s/storm-${lang.toLowerCase()}`, { timezoneId: 'Asia/Urumqi' });
      await page.clock.setFixedTime(new Date(Date.parse(START) - (3 * 24 + 1) * 3600_000));
      await open();
      expect(await page.textContent('h1')).toBe(STORMS[lang]!.title);
      expect(await page.textContent('.muted')).toBe(t.text('storm.before.comeBack'));
      const days = t.pluralForms('storm.before.countdownDays', 'days');
      const expected = t.text('storm.before.countdown', { time: `${(days.other ?? '').replace('{n}', '3')} 01:00:00` });
      await expect.poll(() => page.textContent('[data-countdown]')).toBe(expected);
      // 18:00 in Ürümqi, written in the page's language (by the server, or by storm.js where the browser knows the language)
      expect(await page.textContent('time[data-local-time]')).toMatch(/18:00|6:00\sPM/);
      await checkPage(page, t, `before-${lang}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('during the storm: the post in the storm\'s language, every fixed word in the page\'s, the counter as X counts', async () => {
    clock.set(STATES.during);
    for (const lang of shippedLanguages) {
      const t = createTranslator(lang);
      const { context, page, errors, open } = await visit(`/s/storm-${lang.toLowerCase()}`);
      await open();
      expect(await page.textContent('label[for=post-text]')).toBe(t.text('storm.during.label'));
      expect(await page.textContent('.post h2')).toBe(t.text('storm.during.postOn'));
      expect(await page.textContent('button[data-network=email]')).toBe(t.text('network.email'));
      expect(await page.inputValue('textarea')).toContain(STORMS[lang]!.text);
      await page.fill('textarea', `${STORMS[lang]!.text} 👍🏽 ${ARTICLE}`);
      const counter = await page.textContent('#post-length');
      expect(counter).toBe(t.text('storm.during.counter', { length: String(await xLengthOf(`${STORMS[lang]!.text} 👍🏽 ${ARTICLE}`)), limit: '280' }));
      await checkPage(page, t, `during-${lang}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('after the storm: thanks, and how many people posted, in the page\'s language', async () => {
    for (const lang of shippedLanguages) {
      clock.set(STATES.during);
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${app.baseUrl}/s/storm-${lang.toLowerCase()}/post`, {
          method: 'POST', redirect: 'manual', headers: { cookie: `oc_v=${randomToken()}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ network: 'x', text: STORMS[lang]!.text }),
        });
        expect(res.status).toBe(302);
      }
      clock.set(STATES.after);
      const t = createTranslator(lang);
      const { context, page, open } = await visit(`/s/storm-${lang.toLowerCase()}`);
      await open();
      expect(await page.textContent('h1')).toBe(t.text('storm.after.title'));
      expect(await page.textContent('main')).toContain(t.text('storm.after.posted', { count: 2 }));
      expect(await page.textContent('bdi')).toBe(STORMS[lang]!.title);
      await checkPage(page, t, `after-${lang}`);
      await context.close();
    }
  });

  it('lets the visitor read a Uyghur storm\'s page in English, keeps the storm\'s words right to left, and remembers the choice', async () => {
    clock.set(STATES.during);
    const { context, page, open } = await visit('/s/storm-ug');
    await open();
    await page.click('nav.languages a[hreflang=en]');
    await page.waitForURL(/lang=en/);
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.textContent('label[for=post-text]')).toBe('Your post (change it as you like)');
    // the storm's own words keep their language and direction
    expect(await page.getAttribute('h1', 'lang')).toBe('ug');
    expectAlignedToStart(await titleLayout(page), 'rtl');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('textarea')!).direction)).toBe('rtl');
    expect(await page.getAttribute('nav.languages a[aria-current]', 'hreflang')).toBe('en');
    await page.screenshot({ path: artifactPath('i18n-during-ug-read-in-en.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    // another storm, in Chinese: the fixed words stay in the language the visitor chose
    await page.goto(`${app.baseUrl}/s/storm-zh-hans`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('h1', 'lang')).toBe('zh-Hans');
    await context.close();
  });

  it('shows the unsubscribe pages in the recipient\'s language, and an error page in the browser\'s', async () => {
    const { db } = app.runtime.deps;
    for (const lang of shippedLanguages) {
      const t = createTranslator(lang);
      const [personId] = await addSupporters(db, [{ email: `unsubscribe-${lang}@example.org`, language: lang }]);
      const now = new Date().toISOString();
      const message = await db.insertInto('messages').values({
        subject: 'News', body: 'Hi', from_address: null, language: 'en', target_tags: '[]', status: 'sent', scheduled_at: null,
        started_at: now, finished_at: now, recipients_total: 1, audience_done_at: now, created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      const token = randomToken();
      await db.insertInto('message_recipients').values({
        message_id: message.id, person_id: personId!, email: `unsubscribe-${lang}@example.org`, token, vars: JSON.stringify({ language: lang }),
        status: 'sent', attempts: 1, last_reply: '250 ok', bounced: 0, sent_at: now, next_attempt_at: null,
      }).execute();

      const url = new URL(unsubscribeUrl(app.runtime.deps, token));
      const { context, page, open } = await visit(`${url.pathname}${url.search}`);
      await open();
      expect(await page.textContent('button')).toBe(t.text('unsubscribe.button'));
      await checkPage(page, t, `unsubscribe-${lang}`);
      await page.click('button');
      expect(await page.textContent('h1')).toBe(t.text('unsubscribed.title'));
      await checkPage(page, t, `unsubscribed-${lang}`);
      await context.close();

      const error = await visit('/no-such-page', { locale: lang === 'zh-Hans' ? 'zh-CN' : lang });
      await error.open();
      expect(await error.page.textContent('h1')).toBe(t.text('error.not-found.title'));
      await checkPage(error.page, t, `not-found-${lang}`);
      await error.context.close();
    }
  });

  /** The server's count (twitter-text) of a post. */
  async function xLengthOf(text: string): Promise<number> {
    const { xLength } = await import('../../src/modules/storms/post-length.ts');
    return xLength(text);
  }
});
