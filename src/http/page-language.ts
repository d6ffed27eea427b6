// Which language a public page speaks: the visitor's own choice (?lang=, then remembered in a first-party
// cookie), else what the page is about (a storm's language, a recipient's), else the browser's
// Accept-Language, else English. Only languages with a catalogue are chosen.
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';
import { acceptedLanguages, createTranslator, pickLanguage, supportedLanguage, type Translator } from '../i18n/index.ts';

export const LANGUAGE_COOKIE = 'oc_lang';

export type TranslatorSource = (lang: string) => Promise<Translator>;

export interface PageLanguage {
  lang: string;
  /** The language ?lang= asked for, to remember in the cookie. */
  chosen: string | undefined;
}

export function choosePageLanguage(req: FastifyRequest, preferred: readonly unknown[] = []): PageLanguage {
  return pageLanguageOf((req.query as Record<string, unknown> | undefined)?.lang, req.cookies?.[LANGUAGE_COOKIE], req.headers['accept-language'], preferred);
}

/** The same choice from its parts: ?lang=, the oc_lang cookie, Accept-Language. */
export function pageLanguageOf(asked: unknown, remembered: unknown, acceptLanguage: string | undefined, preferred: readonly unknown[] = []): PageLanguage {
  const chosen = supportedLanguage(asked);
  const lang = pickLanguage([chosen, remembered, ...preferred, ...acceptedLanguages(acceptLanguage)]);
  return { lang, chosen };
}

export function rememberLanguage(reply: FastifyReply, lang: string, config: Pick<Config, 'publicUrl'>): void {
  reply.setCookie(LANGUAGE_COOKIE, lang, languageCookieOptions(config));
}

export function languageCookieOptions(config: Pick<Config, 'publicUrl'>): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 24 * 60 * 60, secure: config.publicUrl.startsWith('https:') };
}

/** Translators without the organisation's overrides, for code that runs without a database. */
export const catalogueTranslators: TranslatorSource = async (lang) => createTranslator(lang);
