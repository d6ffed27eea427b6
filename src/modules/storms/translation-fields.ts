// A storm in other languages: for each, its title, its article link (else the storm's) and one text for
// each of the storm's messages, in the same order. The texts are the same variants in another language, so
// they are held to the same rules: known slots, and a fit on every network at their longest.
import type { InvalidParam } from '../../http/problem.ts';
import { canonicalLanguage } from '../../lib/language.ts';
import { postsOverLimit, type PostsToFit } from './post-fit.ts';
import type { StormTranslation } from './translations.repo.ts';

export interface TranslationInput {
  language: string;
  title: string;
  messages: { text: string }[];
  article_url?: string | null | undefined;
}

export interface TranslationContext {
  /** The storm's own language: a translation into it is a mistake. */
  language: string | undefined;
  /** How many messages the storm has: each translation has one text for each. */
  messages: number;
  /** The storm's article link, which a translation without its own keeps. */
  articleUrl: string | null;
  checkSlots(text: string, name: string, n: number): void;
  checkArticleUrl(value: string, name: string): string | undefined;
}

export function checkTranslations(input: readonly TranslationInput[], ctx: TranslationContext, fail: (name: string, reason: string) => void): StormTranslation[] {
  const seen = new Set(ctx.language ? [ctx.language] : []);
  return input.map((t, i) => {
    const at = `translations.${i}`;
    const language = canonicalLanguage(t.language);
    if (!language) fail(`${at}.language`, 'must be a language tag such as "tr" or "zh-Hans"');
    else if (seen.has(language)) fail(`${at}.language`, `"${language}" is already the storm's language or another translation's`);
    if (language) seen.add(language);

    const title = t.title.trim();
    if (title === '' || title.length > 200) fail(`${at}.title`, 'must be 1 to 200 characters');

    const messages = t.messages.map((m) => m.text.trim());
    if (messages.length !== ctx.messages) {
      fail(`${at}.messages`, `must have ${ctx.messages} text${ctx.messages === 1 ? '' : 's'}, one for each of the storm's messages in the same order (it has ${messages.length})`);
    }
    messages.forEach((m, j) => {
      if (m === '') fail(`${at}.messages.${j}.text`, 'must not be empty');
      else ctx.checkSlots(m, `${at}.messages.${j}.text`, j + 1);
    });

    const given = t.article_url?.trim();
    const articleUrl = given ? ctx.checkArticleUrl(given, `${at}.article_url`) ?? null : ctx.articleUrl;
    return { language: language ?? t.language, title, article_url: articleUrl, messages };
  });
}

/** The translations' posts that are too long anywhere, named like `translations.0.messages.1.text`. */
export function translationsOverLimit(translations: readonly StormTranslation[], base: Omit<PostsToFit, 'messages' | 'articleUrl' | 'link'>, link: (articleUrl: string | null) => string): InvalidParam[] {
  return translations.flatMap((t, i) => postsOverLimit({ ...base, messages: t.messages, articleUrl: t.article_url, link: link(t.article_url) })
    .map((p) => ({ name: `translations.${i}.${p.name}`, reason: `In ${t.language}: ${p.reason}` })));
}
