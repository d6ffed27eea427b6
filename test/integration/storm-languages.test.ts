// A storm in several languages: each supporter is handed the title, the post and the article in theirs
// (their choice on the page, else their own language, else their browser's, else the storm's), the same
// variants across languages; translations are held to the same rules as the original.
import { expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { addEmailRecipient } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-02-20T12:30:00Z');
const ENGLISH = ['The Olympic flame goes out tonight. The camps stay open.', 'Not one word about the Uyghur camps.'];
const TRANSLATIONS = [
  { language: 'ug', title: 'ئىرقىي قىرغىنچىلىق ئاخىرلاشمىدى', messages: ['بۈگۈن كەچ ئولىمپىك مەشئىلى ئۆچىدۇ. لاگېرلار ئوچۇق تۇرىدۇ.', 'ئۇيغۇر لاگېرلىرى ھەققىدە بىر ئېغىزمۇ سۆز يوق.'], article_url: 'https://example.org/ug/article' },
  { language: 'tr', title: 'Soykırım bitmedi', messages: ['Olimpiyat ateşi bu gece sönüyor. Kamplar açık kalıyor.', 'Uygur kampları hakkında tek kelime yok.'] },
  { language: 'zh-Hans', title: '种族灭绝仍在继续', messages: ['今晚奥运圣火熄灭，集中营依然存在。', '关于维吾尔集中营，只字未提。'] },
];

let n = 0;
async function newStorm(ctx: TestContext, overrides: Record<string, unknown> = {}) {
  const res = await ctx.api('POST', '/api/v1/storms', {
    title: 'The genocide is not over', slug: `languages-${++n}`, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z',
    hashtags: ['StandWithUyghurs'], messages: ENGLISH.map((text) => ({ text })), article_url: 'https://example.org/article',
    translations: TRANSLATIONS.map((t) => ({ ...t, messages: t.messages.map((text) => ({ text })) })), ...overrides,
  });
  return res;
}

async function page(ctx: TestContext, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${ctx.baseUrl}${path}`, { headers: { accept: 'text/html', ...headers } });
  return res.text();
}

const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const titleOf = (html: string) => unescape(/<h1[^>]*>([^<]*)<\/h1>/.exec(html)![1]!);
const postOf = (html: string) => unescape(/<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!);

describeEachDatabase('a storm in several languages', (ctx) => {
  it('keeps its translations and shows them in the API', async () => {
    const res = await newStorm(ctx());
    expect(res.status).toBe(201);
    const storm = (await ctx().api('GET', `/api/v1/storms/${res.body.id}`)).body;
    expect(storm.translations.map((t: { language: string }) => t.language)).toEqual(['tr', 'ug', 'zh-Hans']);
    expect(storm.translations.find((t: { language: string }) => t.language === 'tr')).toEqual({
      language: 'tr', title: 'Soykırım bitmedi', article_url: 'https://example.org/article', messages: TRANSLATIONS[1]!.messages.map((text) => ({ text })),
    });
  });

  it('hands a browser its own language, the storm\'s where there is no version in it', async () => {
    const { body: { slug } } = await newStorm(ctx());
    const turkish = await page(ctx(), `/s/${slug}`, { 'accept-language': 'tr-TR,tr;q=0.9' });
    expect(titleOf(turkish)).toBe('Soykırım bitmedi');
    expect(TRANSLATIONS[1]!.messages.some((m) => postOf(turkish).startsWith(m))).toBe(true);
    expect(turkish).toMatch(/<html lang="tr"/);

    const german = await page(ctx(), `/s/${slug}`, { 'accept-language': 'de-DE' });
    expect(titleOf(german)).toBe('The genocide is not over');
    expect(ENGLISH.some((m) => postOf(german).startsWith(m))).toBe(true);
  });

  it('follows a supporter\'s own language from their email link, and their choice on the page above all', async () => {
    const { body: { slug } } = await newStorm(ctx());
    const { token } = await addEmailRecipient(ctx().runtime.deps.db, 'zh-CN');
    const chinese = await page(ctx(), `/s/${slug}?r=${token}`, { 'accept-language': 'en' });
    expect(titleOf(chinese)).toBe('种族灭绝仍在继续');

    const uyghur = await page(ctx(), `/s/${slug}?r=${token}&lang=ug`);
    expect(titleOf(uyghur)).toBe('ئىرقىي قىرغىنچىلىق ئاخىرلاشمىدى');
    expect(uyghur).toMatch(/<html lang="ug" dir="rtl"/);
    // the Uyghur version has its own article, in the post and on the page
    expect(postOf(uyghur)).toContain('https://example.org/ug/article');
    expect(uyghur).toContain('href="https://example.org/ug/article"');
  });

  it('gives the same variant in every language, so the numbers per message stay one', async () => {
    const { body: { id, slug } } = await newStorm(ctx());
    for (let position = 1; position <= 2; position++) {
      const english = await page(ctx(), `/s/${slug}?variant=${position}&lang=en`);
      const turkish = await page(ctx(), `/s/${slug}?variant=${position}&lang=tr`);
      expect(postOf(english).startsWith(ENGLISH[position - 1]!)).toBe(true);
      expect(postOf(turkish).startsWith(TRANSLATIONS[1]!.messages[position - 1]!)).toBe(true);
      const variantField = (html: string) => /<input type="hidden" name="variant" value="(\d+)">/.exec(html)![1];
      expect(variantField(turkish)).toBe(variantField(english));
    }
    expect((await ctx().api('GET', `/api/v1/storms/${id}`)).body.variants).toHaveLength(2);
  });

  it('shares the title of the version the page showed', async () => {
    const { body: { slug } } = await newStorm(ctx());
    const res = await fetch(`${ctx().baseUrl}/s/${slug}/post`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ network: 'email', text: TRANSLATIONS[1]!.messages[0]!, language: 'tr' }),
    });
    expect(res.status).toBe(302);
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('Soykırım bitmedi');
  });

  it('refuses a translation without a text for each message, or one too long, naming it', async () => {
    const short = await newStorm(ctx(), { translations: [{ language: 'tr', title: 'Soykırım bitmedi', messages: [{ text: 'Tek mesaj' }] }] });
    expect(short.status).toBe(400);
    expect(short.body.invalid_params).toEqual([{ name: 'translations.0.messages', reason: expect.stringContaining('must have 2 texts') }]);

    const long = await newStorm(ctx(), { translations: [{ language: 'tr', title: 'Uzun', messages: [{ text: 'a'.repeat(300) }, { text: 'kısa' }] }] });
    expect(long.status).toBe(400);
    expect(long.body.type).toContain('post-too-long');
    expect(long.body.invalid_params.map((p: { name: string }) => p.name)).toContain('translations.0.messages.0.text');
    expect(long.body.invalid_params[0].reason).toMatch(/^In tr: Message 1 is \d+ characters on X/);

    const same = await newStorm(ctx(), { language: 'en', translations: [{ language: 'en', title: 'x', messages: ENGLISH.map((text) => ({ text })) }] });
    expect(same.body.invalid_params).toEqual([{ name: 'translations.0.language', reason: expect.stringContaining('already') }]);
  });

  it('asks for the translations again when an edit changes the number of messages', async () => {
    const { body: { id } } = await newStorm(ctx());
    const more = [...ENGLISH, 'A third message.'].map((text) => ({ text }));
    const refused = await ctx().api('PATCH', `/api/v1/storms/${id}`, { messages: more });
    expect(refused.status).toBe(400);
    expect(refused.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['translations.0.messages', 'translations.1.messages', 'translations.2.messages']);

    const edited = await ctx().api('PATCH', `/api/v1/storms/${id}`, {
      messages: more, translations: [{ language: 'tr', title: 'Soykırım bitmedi', messages: [...TRANSLATIONS[1]!.messages, 'Üçüncü mesaj.'].map((text) => ({ text })) }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.translations.map((t: { language: string }) => t.language)).toEqual(['tr']);
  });
}, () => ({ clock }));
