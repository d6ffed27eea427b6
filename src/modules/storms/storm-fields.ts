// What an organiser writes for a storm is checked here, once, for a new storm and for every edit (an edit
// of the hashtags or the article link can make an unchanged message too long, so all of it is checked).
// Problems name the field; a message too long names its number and the network (and the target: post-fit.ts).
import type { ReminderAudience } from '../../db/schema.ts';
import { Problem, type InvalidParam } from '../../http/problem.ts';
import { canonicalLanguage } from '../../lib/language.ts';
import { twitterText } from './load-twitter-text.ts';
import { normalizeMastodonServer } from './mastodon-instance.ts';
import { checkPostsFit } from './post-fit.ts';
import { describeSlotError, readMessage } from './post-slots.ts';
import { checkTargets, type TargetInput } from './target-fields.ts';
import type { Target } from './target-handles.ts';
import { checkTranslations, translationsOverLimit, type TranslationInput } from './translation-fields.ts';
import type { StormTranslation } from './translations.repo.ts';

/** A storm's fields as the organiser gives them (the API body, or the demo). */
export interface StormInput {
  title: string;
  slug: string;
  starts_at: string;
  ends_at: string;
  hashtags: string[];
  /** weight: the message's share of supporters relative to the others' (default 1). */
  messages: { text: string; weight?: number | undefined }[];
  article_url?: string | null | undefined;
  /** One of our articles, by id or slug, instead of an article_url (storm-article.ts); null removes it. */
  article?: number | string | null | undefined;
  /** IANA time zone the page writes the start time in; UTC when absent. */
  timezone?: string | undefined;
  /** BCP 47; 'en' when absent. Sets the page's lang and direction. */
  language?: string | undefined;
  /** The officials the storm addresses: {target} in a message says one of them, per supporter. */
  targets?: TargetInput[] | undefined;
  /** Mastodon servers whose hashtag timelines are read for evidence; ['mastodon.social'] when absent. */
  mastodon_instances?: string[] | undefined;
  /** Whom the reminder wave at the start reaches; 'requested' (those who asked) when absent. */
  reminder_audience?: ReminderAudience | undefined;
  /** The storm in other languages: title, article link and one text per message (translation-fields.ts). */
  translations?: TranslationInput[] | undefined;
}

/** The same, checked and made canonical: times in UTC, hashtags without '#'. */
export interface StormFields {
  title: string;
  slug: string;
  starts_at: string;
  ends_at: string;
  hashtags: string[];
  messages: string[];
  /** One per message, in the same order. */
  weights: number[];
  article_url: string | null;
  timezone: string;
  language: string;
  targets: Target[];
  mastodon_instances: string[];
  reminder_audience: ReminderAudience;
  translations: StormTranslation[];
}

export const DEFAULT_MASTODON_INSTANCES = ['mastodon.social'];
const REMINDER_AUDIENCES: readonly ReminderAudience[] = ['requested', 'requested_and_invited'];

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
// ISO 8601 with a date, a time and an offset: "2022-02-20T12:00:00Z", "2022-02-20T13:00+01:00"
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export const validationFailed = (params: InvalidParam[]) => new Problem(400, 'validation-failed',
  'The storm has invalid fields', params.map((p) => `${p.name}: ${p.reason}`).join('; '), params);

/** `publicUrl` makes the storm's page address, which {link} says when there is no article. */
export function checkStormFields(input: StormInput, publicUrl: string): StormFields {
  const problems: InvalidParam[] = [];
  const fail = (name: string, reason: string) => problems.push({ name, reason });

  const title = input.title.trim();
  if (title === '' || title.length > 200) fail('title', 'must be 1 to 200 characters');

  const slug = input.slug.trim();
  if (!SLUG.test(slug)) fail('slug', 'must be lower-case letters, digits and hyphens, like "closing-ceremony"');

  const startsAt = isoInstant(input.starts_at);
  const endsAt = isoInstant(input.ends_at);
  if (!startsAt) fail('starts_at', 'must be a date and time with an offset, like 2022-02-20T12:00:00Z');
  if (!endsAt) fail('ends_at', 'must be a date and time with an offset, like 2022-02-20T14:00:00+01:00');
  if (startsAt && endsAt && endsAt <= startsAt) fail('ends_at', 'must be after starts_at');

  const timezone = input.timezone === undefined ? 'UTC' : ianaTimeZone(input.timezone);
  if (!timezone) fail('timezone', 'must be an IANA time zone such as "Europe/London" or "Asia/Shanghai"');

  const language = input.language === undefined ? 'en' : canonicalLanguage(input.language);
  if (!language) fail('language', 'must be a language tag such as "en" or "ug"');

  const hashtags: string[] = [];
  input.hashtags.forEach((raw, i) => {
    const tag = raw.trim().replace(/^[#＃]/, '');
    if (!twitterText().isValidHashtag(`#${tag}`)) fail(`hashtags.${i}`, `"${raw}" is not a hashtag the networks would recognise`);
    else if (!hashtags.some((t) => t.toLowerCase() === tag.toLowerCase())) hashtags.push(tag);
  });

  const messages = input.messages.map((m) => m.text.trim());
  if (messages.length === 0) fail('messages', 'must hold at least one message');
  messages.forEach((m, i) => { if (m === '') fail(`messages.${i}.text`, 'must not be empty'); });
  const weights = input.messages.map((m, i) => {
    const weight = m.weight ?? 1;
    if (!Number.isInteger(weight) || weight < 1 || weight > 1000) fail(`messages.${i}.weight`, 'must be a whole number from 1 to 1000');
    return weight;
  });

  const checkArticleUrl = (given: string, name: string) => {
    // our own article pages are links whatever PUBLIC_URL's host is (http://localhost:3000 on a laptop)
    const url = given.startsWith(`${publicUrl}/a/`) && !/\s/.test(given) ? given : webUrl(given);
    if (!url) fail(name, 'must be an http:// or https:// address');
    return url;
  };
  let articleUrl: string | null = null;
  if (input.article_url !== undefined && input.article_url !== null && input.article_url.trim() !== '') {
    articleUrl = checkArticleUrl(input.article_url.trim(), 'article_url') ?? null;
  }

  const targets = checkTargets(input.targets ?? [], fail);
  const has = { targets: targets.length, hashtags: hashtags.length };
  messages.forEach((m, i) => checkSlots(m, `messages.${i}.text`, i + 1, has, fail));
  const translations = checkTranslations(input.translations ?? [], {
    language, messages: messages.length, articleUrl, checkArticleUrl,
    checkSlots: (text, name, n) => checkSlots(text, name, n, has, fail),
  }, fail);

  const mastodonInstances: string[] = [];
  (input.mastodon_instances ?? DEFAULT_MASTODON_INSTANCES).forEach((raw, i) => {
    const server = normalizeMastodonServer(raw);
    if (!server) fail(`mastodon_instances.${i}`, `"${raw}" is not a Mastodon server name such as mastodon.social`);
    else if (!mastodonInstances.includes(server)) mastodonInstances.push(server);
  });

  const reminderAudience = input.reminder_audience ?? 'requested';
  if (!REMINDER_AUDIENCES.includes(reminderAudience)) fail('reminder_audience', 'must be "requested" or "requested_and_invited"');

  if (problems.length > 0) throw validationFailed(problems);
  const link = (article: string | null) => article ?? `${publicUrl}/s/${slug}`;
  checkPostsFit({ messages, hashtags, articleUrl, link: link(articleUrl), targets }, translationsOverLimit(translations, { hashtags, targets }, link));
  return {
    title, slug, starts_at: startsAt!, ends_at: endsAt!, hashtags, messages, weights, article_url: articleUrl,
    timezone: timezone!, language: language!, targets, mastodon_instances: mastodonInstances, reminder_audience: reminderAudience,
    translations,
  };
}

/** A message's slots must be ones we know, with something to fill them. */
function checkSlots(text: string, name: string, n: number, has: { targets: number; hashtags: number }, fail: (name: string, reason: string) => void): void {
  const message = readMessage(text);
  if ('error' in message) return void fail(name, describeSlotError(message.error, n));
  if (message.slots.has('target') && has.targets === 0) fail(name, `Message ${n} uses {target}, but the storm has no targets`);
  if (message.slots.has('hashtag') && has.hashtags === 0) fail(name, `Message ${n} uses {hashtag}, but the storm has no hashtags`);
}

function isoInstant(value: string): string | undefined {
  if (!ISO_WITH_OFFSET.test(value.trim())) return undefined;
  // Date.parse rolls 2022-02-30 over into March; a day that does not exist is a mistake
  const [y, m, d] = value.trim().slice(0, 10).split('-').map(Number) as [number, number, number];
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) return undefined;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function ianaTimeZone(value: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The address as written, when it is a web address that can stand in a post (no spaces). */
function webUrl(value: string): string | undefined {
  if (/\s/.test(value)) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') ? value : undefined;
  } catch {
    return undefined;
  }
}
