// What an organiser writes for a storm is checked here, once, for a new storm and for every edit (an edit
// of the hashtags or the article link can make an unchanged message too long, so all of it is checked).
// Problems name the field; a message too long names its number and the network.
import { Problem, type InvalidParam } from '../../http/problem.ts';
import { canonicalLanguage } from '../../lib/language.ts';
import twitterText from 'twitter-text';
import { normalizeMastodonServer } from './mastodon-instance.ts';
import { networksOverLimit } from './post-length.ts';
import { composePostText } from './post-text.ts';

/** A storm's fields as the organiser gives them (the API body, or the demo). */
export interface StormInput {
  title: string;
  slug: string;
  starts_at: string;
  ends_at: string;
  hashtags: string[];
  messages: { text: string }[];
  article_url?: string | null | undefined;
  /** IANA time zone the page writes the start time in; UTC when absent. */
  timezone?: string | undefined;
  /** BCP 47; 'en' when absent. Sets the page's lang and direction. */
  language?: string | undefined;
  targets?: string[] | undefined;
  /** Mastodon servers whose hashtag timelines are read for evidence; ['mastodon.social'] when absent. */
  mastodon_instances?: string[] | undefined;
}

/** The same, checked and made canonical: times in UTC, hashtags without '#'. */
export interface StormFields {
  title: string;
  slug: string;
  starts_at: string;
  ends_at: string;
  hashtags: string[];
  messages: string[];
  article_url: string | null;
  timezone: string;
  language: string;
  targets: string[];
  mastodon_instances: string[];
}

export const DEFAULT_MASTODON_INSTANCES = ['mastodon.social'];

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
// ISO 8601 with a date, a time and an offset: "2022-02-20T12:00:00Z", "2022-02-20T13:00+01:00"
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export const validationFailed = (params: InvalidParam[]) => new Problem(400, 'validation-failed',
  'The storm has invalid fields', params.map((p) => `${p.name}: ${p.reason}`).join('; '), params);

export function checkStormFields(input: StormInput): StormFields {
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
    if (!twitterText.isValidHashtag(`#${tag}`)) fail(`hashtags.${i}`, `"${raw}" is not a hashtag the networks would recognise`);
    else if (!hashtags.some((t) => t.toLowerCase() === tag.toLowerCase())) hashtags.push(tag);
  });

  const messages = input.messages.map((m) => m.text.trim());
  if (messages.length === 0) fail('messages', 'must hold at least one message');
  messages.forEach((m, i) => { if (m === '') fail(`messages.${i}.text`, 'must not be empty'); });

  let articleUrl: string | null = null;
  if (input.article_url !== undefined && input.article_url !== null && input.article_url.trim() !== '') {
    articleUrl = webUrl(input.article_url.trim()) ?? null;
    if (!articleUrl) fail('article_url', 'must be an http:// or https:// address');
  }

  const targets = [...new Set((input.targets ?? []).map((t) => t.trim()).filter((t) => t !== ''))];

  const mastodonInstances: string[] = [];
  (input.mastodon_instances ?? DEFAULT_MASTODON_INSTANCES).forEach((raw, i) => {
    const server = normalizeMastodonServer(raw);
    if (!server) fail(`mastodon_instances.${i}`, `"${raw}" is not a Mastodon server name such as mastodon.social`);
    else if (!mastodonInstances.includes(server)) mastodonInstances.push(server);
  });

  if (problems.length > 0) throw validationFailed(problems);
  checkPostLengths(messages, hashtags, articleUrl);
  return {
    title, slug, starts_at: startsAt!, ends_at: endsAt!, hashtags, messages, article_url: articleUrl,
    timezone: timezone!, language: language!, targets, mastodon_instances: mastodonInstances,
  };
}

/** Every message, with the hashtags and link it will carry, must fit on X, Bluesky and Mastodon. */
function checkPostLengths(messages: string[], hashtags: string[], articleUrl: string | null): void {
  const problems: InvalidParam[] = [];
  messages.forEach((text, i) => {
    for (const over of networksOverLimit(composePostText({ text, hashtags, articleUrl }))) {
      problems.push({
        name: `messages.${i}.text`,
        reason: `Message ${i + 1} is ${over.length} characters on ${over.name}, over its limit of ${over.limit}`,
      });
    }
  });
  if (problems.length === 0) return;
  const title = problems.length === 1 ? problems[0]!.reason : `${problems[0]!.reason} (and ${problems.length - 1} more)`;
  throw new Problem(400, 'post-too-long', title,
    `${problems.map((p) => p.reason).join('. ')}. The hashtags and the article link are counted as part of each message.`, problems);
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
