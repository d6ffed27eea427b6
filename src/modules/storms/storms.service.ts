// Storms as organisers make and read them: a storm, its time window and its message variants.
import type { Deps } from '../../deps.ts';
import type { ReminderAudience, Storm, StormTarget, StormVariant } from '../../db/schema.ts';
import { conflict, notFound } from '../../http/problem.ts';
import { checkStormFields, type StormFields, type StormInput } from './storm-fields.ts';
import {
  findStormById, findStormRowBySlug, insertStorm, insertVariants, selectStorms, selectVariants, selectVariantsOf,
  updateStormRow,
} from './storms.repo.ts';
import { resolveStormArticle } from './storm-article.ts';
import { countRequestsByStorm } from './reminders.repo.ts';
import { forgetCachedStorm } from './storm-cache.ts';
import { selectTargets, selectTargetsOf } from './targets.repo.ts';
import { addTargets, replaceTargets, targetOf, type StoredTarget } from './targets.service.ts';
import { replaceStormTranslations, selectStormTranslations, selectTranslationsOf, type StormTranslation } from './translations.repo.ts';
import { replaceVariants } from './variants.service.ts';

export type StormState = 'before' | 'during' | 'after';

export interface StormView {
  id: number;
  slug: string;
  /** The public action page. */
  url: string;
  title: string;
  language: string;
  timezone: string;
  starts_at: string;
  ends_at: string;
  state: StormState;
  hashtags: string[];
  targets: StoredTarget[];
  mastodon_instances: string[];
  /** Whom the reminder wave at the start reaches. */
  reminder_audience: ReminderAudience;
  /** How many asked for a reminder on the page. */
  reminders_requested: number;
  article_url: string | null;
  /** The article (articles module) the storm points at; article_url is then its page. */
  article_id: number | null;
  variants: { id: number; position: number; text: string; weight: number }[];
  /** The storm in other languages: each visitor gets theirs (action-page.service.ts). */
  translations: { language: string; title: string; article_url: string | null; messages: { text: string }[] }[];
  created_date: string;
  modified_date: string;
}

export type StormPatch = Partial<StormInput>;

const slugTaken = (slug: string) => conflict(`The slug "${slug}" is taken`, 'Another storm has this address; choose another slug.');

export async function createStorm(deps: Pick<Deps, 'db' | 'clock' | 'config'>, input: StormInput): Promise<{ id: number; slug: string; url: string }> {
  const { input: resolved, articleId } = await resolveStormArticle(deps, input);
  const fields = checkStormFields(resolved, deps.config.publicUrl);
  if (await findStormRowBySlug(deps.db, fields.slug)) throw slugTaken(fields.slug);
  const now = deps.clock.now().toISOString();
  const id = await deps.db.transaction().execute(async (trx) => {
    const stormId = await insertStorm(trx, { ...stormRow(fields), article_id: articleId, created_at: now, updated_at: now });
    if (stormId === undefined) return undefined;
    await insertVariants(trx, stormId, fields.messages.map((text, i) => ({ position: i + 1, text, weight: fields.weights[i]! })));
    await addTargets(trx, stormId, fields.targets);
    await replaceStormTranslations(trx, stormId, fields.translations);
    return stormId;
  });
  if (id === undefined) throw slugTaken(fields.slug); // taken between the look-up and the insert
  return { id, slug: fields.slug, url: stormUrl(deps, fields.slug) };
}

export async function getStorm(deps: Pick<Deps, 'db' | 'clock' | 'config'>, id: number): Promise<StormView> {
  const storm = await getStormRow(deps, id);
  const reminders = await countRequestsByStorm(deps.db, [id]);
  const translations = await selectStormTranslations(deps.db, id);
  return viewOf(deps, storm, await selectVariants(deps.db, id), await selectTargets(deps.db, id), reminders, translations);
}

export async function listStorms(deps: Pick<Deps, 'db' | 'clock' | 'config'>, page: { limit?: number | undefined; before?: number | undefined } = {}): Promise<StormView[]> {
  const storms = await selectStorms(deps.db, page.limit ?? 50, page.before);
  const variants = await selectVariantsOf(deps.db, storms.map((s) => s.id));
  const targets = await selectTargetsOf(deps.db, storms.map((s) => s.id));
  const reminders = await countRequestsByStorm(deps.db, storms.map((s) => s.id));
  const translations = await selectTranslationsOf(deps.db, storms.map((s) => s.id));
  return storms.map((s) => viewOf(
    deps, s, variants.filter((v) => v.storm_id === s.id), targets.filter((t) => t.storm_id === s.id), reminders, translations.get(s.id) ?? [],
  ));
}

/** Changes any fields; `messages` replaces the list of variants. Returns the storm as it now is. */
export async function updateStorm(deps: Pick<Deps, 'db' | 'clock' | 'config'>, id: number, patch: StormPatch): Promise<StormView> {
  const storm = await getStormRow(deps, id);
  const current = await selectVariants(deps.db, id);
  const currentTargets = await selectTargets(deps.db, id);
  const currentTranslations = await selectStormTranslations(deps.db, id);
  const { input: resolved, articleId } = await resolveStormArticle(deps, patch, storm);
  // translations are checked against the storm as it will be: new messages need their translations too
  const fields = checkStormFields({ ...inputOf(storm, current, currentTargets, currentTranslations), ...definedOnly(resolved) }, deps.config.publicUrl);
  if (fields.slug !== storm.slug && (await findStormRowBySlug(deps.db, fields.slug))) throw slugTaken(fields.slug);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await updateStormRow(trx, id, { ...stormRow(fields), article_id: articleId, updated_at: now });
    if (patch.messages !== undefined) {
      await replaceVariants(trx, id, current, fields.messages.map((text, i) => ({ text, weight: fields.weights[i]! })), now);
    }
    if (patch.targets !== undefined) await replaceTargets(trx, id, currentTargets, fields.targets, now);
    await replaceStormTranslations(trx, id, fields.translations);
  });
  forgetCachedStorm(deps.db, storm.slug);
  return getStorm(deps, id);
}

export async function getStormRow(deps: Pick<Deps, 'db'>, id: number): Promise<Storm> {
  const storm = await findStormById(deps.db, id);
  if (!storm) throw notFound('Storm');
  return storm;
}

export async function findStormBySlug(deps: Pick<Deps, 'db'>, slug: string): Promise<Storm | undefined> {
  return findStormRowBySlug(deps.db, slug);
}

/** The storm's variants by position: those in rotation, or with `includeRemoved` every one it ever had. */
export async function listVariants(deps: Pick<Deps, 'db'>, stormId: number, options: { includeRemoved?: boolean } = {}): Promise<StormVariant[]> {
  return selectVariants(deps.db, stormId, options.includeRemoved ?? false);
}

/** The officials a storm addresses by position; with `includeRemoved` also those an edit took out (events name them). */
export async function listTargets(deps: Pick<Deps, 'db'>, stormId: number, options: { includeRemoved?: boolean } = {}): Promise<StormTarget[]> {
  return selectTargets(deps.db, stormId, options.includeRemoved ?? false);
}

/** A storm read's window in milliseconds: a burst asks for its state with every request. */
const windows = new WeakMap<object, { starts: number; ends: number; from: string; to: string }>();

export function stormState(storm: Pick<Storm, 'starts_at' | 'ends_at'>, now: Date): StormState {
  let window = windows.get(storm);
  if (window?.from !== storm.starts_at || window.to !== storm.ends_at) {
    window = { starts: Date.parse(storm.starts_at), ends: Date.parse(storm.ends_at), from: storm.starts_at, to: storm.ends_at };
    windows.set(storm, window);
  }
  const t = now.getTime();
  if (t < window.starts) return 'before';
  return t < window.ends ? 'during' : 'after';
}

export function stormUrl(deps: Pick<Deps, 'config'>, slug: string): string {
  return `${deps.config.publicUrl}/s/${slug}`;
}

export function hashtagsOf(storm: Pick<Storm, 'hashtags'>): string[] {
  return JSON.parse(storm.hashtags) as string[];
}

export function mastodonInstancesOf(storm: Pick<Storm, 'mastodon_instances'>): string[] {
  return JSON.parse(storm.mastodon_instances) as string[];
}

function stormRow(f: StormFields) {
  return {
    slug: f.slug, title: f.title, language: f.language, timezone: f.timezone, starts_at: f.starts_at, ends_at: f.ends_at,
    hashtags: JSON.stringify(f.hashtags), article_url: f.article_url,
    mastodon_instances: JSON.stringify(f.mastodon_instances), reminder_audience: f.reminder_audience,
  };
}

function inputOf(storm: Storm, variants: StormVariant[], targets: StormTarget[], translations: StormTranslation[]): StormInput {
  return {
    title: storm.title, slug: storm.slug, starts_at: storm.starts_at, ends_at: storm.ends_at, hashtags: hashtagsOf(storm),
    messages: variants.map((v) => ({ text: v.text, weight: v.weight })), article_url: storm.article_url, timezone: storm.timezone,
    language: storm.language, targets: targets.map(targetOf), mastodon_instances: mastodonInstancesOf(storm),
    reminder_audience: storm.reminder_audience,
    // a translation that kept the storm's article link follows a change of it
    translations: translations.map((t) => ({
      language: t.language, title: t.title, messages: t.messages.map((text) => ({ text })),
      article_url: t.article_url === storm.article_url ? undefined : t.article_url,
    })),
  };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function viewOf(
  deps: Pick<Deps, 'clock' | 'config'>, s: Storm, variants: StormVariant[], targets: StormTarget[], reminders: Map<number, number>,
  translations: StormTranslation[],
): StormView {
  return {
    id: s.id,
    slug: s.slug,
    url: stormUrl(deps, s.slug),
    title: s.title,
    language: s.language,
    timezone: s.timezone,
    starts_at: s.starts_at,
    ends_at: s.ends_at,
    state: stormState(s, deps.clock.now()),
    hashtags: hashtagsOf(s),
    targets: targets.map(targetOf),
    mastodon_instances: mastodonInstancesOf(s),
    reminder_audience: s.reminder_audience,
    reminders_requested: reminders.get(s.id) ?? 0,
    article_url: s.article_url,
    article_id: s.article_id,
    variants: variants.map((v) => ({ id: v.id, position: v.position, text: v.text, weight: v.weight })),
    translations: translations.map((t) => ({ ...t, messages: t.messages.map((text) => ({ text })) })),
    created_date: s.created_at,
    modified_date: s.updated_at,
  };
}
