// Table types. Timestamps are ISO 8601 strings in UTC on both databases; JSON columns hold JSON text.
import type { Generated, Insertable, Kysely, Selectable } from 'kysely';
import type { AccountLinksTable, ApiTokensTable, AuditLogTable, LoginFailuresTable, SessionsTable, UsersTable } from './schema-accounts.ts';

export type * from './schema-accounts.ts';

/**
 * 'reminder only': someone who asked for a storm's reminder and is not on the list. They get that reminder
 * and nothing else (audiences take 'subscribed' only); an import of their address puts them on the list.
 */
export type SubscriptionStatus = 'subscribed' | 'unsubscribed' | 'bouncing' | 'spam complaint' | 'reminder only';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface PeopleTable {
  id: Generated<number>;
  email: string;
  given_name: string | null;
  family_name: string | null;
  language: string | null;
  country: string | null;
  postal_code: string | null;
  /** JSON object of columns an import did not recognise. */
  custom_fields: string;
  status: SubscriptionStatus;
  status_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface PersonTagsTable {
  person_id: number;
  tag: string;
}

export interface SubscriptionChangesTable {
  id: Generated<number>;
  person_id: number;
  status: SubscriptionStatus;
  previous_status: SubscriptionStatus | null;
  /** How it changed: import, api, unsubscribe-page, one-click, bounce, complaint. */
  source: string;
  /** Which message or import caused it, when known. */
  detail: string | null;
  changed_at: string;
}

export interface StormsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  language: string;
  timezone: string;
  starts_at: string;
  ends_at: string;
  /** JSON array of hashtags without '#'. */
  hashtags: string;
  article_url: string | null;
  /** The article (articles module) the storm offers; its page is then article_url. */
  article_id: number | null;
  /** JSON array of Mastodon servers whose hashtag timelines are read for evidence: host names, or base URLs. */
  mastodon_instances: Generated<string>;
  /** Whom the reminder wave at the start reaches: those who asked, or also everyone the invitations went to. */
  reminder_audience: Generated<ReminderAudience>;
  /** The starts_at the reminder wave went out for; null until it has (a storm moved later gets a new one). */
  reminders_sent_for: string | null;
  created_at: string;
  updated_at: string;
}

export type ReminderAudience = 'requested' | 'requested_and_invited';

/** Someone who asked, on the storm's page, to be reminded when it starts. */
export interface StormRemindersTable {
  id: Generated<number>;
  storm_id: number;
  person_id: number;
  /** The page's language when they asked: the reminder's. */
  language: string;
  /** A keyed hash of the asking address (IP), for the hourly limit; emptied after the hour. */
  ip_mark: string | null;
  created_at: string;
}

/** A public post found carrying a storm's hashtags; post_id is the network's URI for it (at://…, a status URI). */
export interface StormPublicPostsTable {
  storm_id: number;
  network: 'bluesky' | 'mastodon';
  post_id: string;
  url: string | null;
  created_at: string;
}

export interface StormVariantsTable {
  id: Generated<number>;
  storm_id: number;
  position: number;
  text: string;
  /** Set when an edit dropped a variant that events still point at; it keeps its row but leaves the rotation. */
  removed_at: string | null;
  /** Its share of the supporters relative to the others' (default 1: equal shares). */
  weight: Generated<number>;
}

/** An official a storm addresses, with a handle per network that has mentions ('@name', '@user@instance'). */
export interface StormTargetsTable {
  id: Generated<number>;
  storm_id: number;
  position: number;
  /** What networks without mentions (and those where the target has no handle) show. */
  name: string;
  handle_x: string | null;
  handle_bluesky: string | null;
  handle_mastodon: string | null;
  handle_threads: string | null;
  /** Set when an edit dropped the target; its row stays, as events name it. */
  removed_at: string | null;
}

/** What a supporter was given: 'p:' + person id or 'v:' + visitor id, kept so they get it again. */
export interface StormAssignmentsTable {
  storm_id: number;
  supporter: string;
  variant_id: number;
  target_id: number | null;
  hashtag: string | null;
  created_at: string;
}

export type MessageKind = 'blast' | 'reminder';

export type MessageStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'paused' | 'cancelled';

export interface MessagesTable {
  id: Generated<number>;
  /** blast: composed by an organiser. reminder: a storm's reminder wave, made by the storms module. */
  kind: Generated<MessageKind>;
  /** Unique when set: what a module asked this message to be made for, so it is made once. */
  reference: string | null;
  subject: string;
  body: string;
  from_address: string | null;
  language: string;
  /** JSON array of tags; empty means every subscribed person. */
  target_tags: string;
  status: MessageStatus;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  recipients_total: number;
  /** The last person id copied into message_recipients, so copying the audience resumes after a restart. */
  audience_after_id: Generated<number>;
  /** When the whole audience had been copied into message_recipients; null while copying. */
  audience_done_at: string | null;
  /** The IANA zone a schedule was written in, kept to show it as written (scheduled_at is UTC). */
  timezone: string | null;
  /** 1: the HTML carries a first-party open pixel. Off unless asked for. */
  track_opens: Generated<number>;
  /** A/B subject test: JSON array of 2–4 subject variants; null when there is no test. */
  ab_subjects: string | null;
  ab_sample_percent: number | null;
  ab_decide_after_minutes: number | null;
  /** Set when the sample is released (the audience copied): when the winner is chosen. */
  ab_decide_at: string | null;
  /** Index into ab_subjects of the variant the held recipients got. */
  ab_winner: number | null;
  ab_decided_at: string | null;
  created_at: string;
  updated_at: string;
}

/** skipped: the person unsubscribed (or bounced) between the start of the send and their turn. */
export type RecipientStatus = 'queued' | 'sent' | 'failed' | 'skipped';

export interface MessageRecipientsTable {
  id: Generated<number>;
  message_id: number;
  person_id: number;
  email: string;
  /** Random, unguessable; names this recipient in tracked links and unsubscribe URLs. */
  token: string;
  /** JSON object of merge values captured when the send started. */
  vars: string;
  status: RecipientStatus;
  attempts: number;
  last_reply: string | null;
  /** 1 when the relay refused the address permanently (5xx). */
  bounced: number;
  sent_at: string | null;
  next_attempt_at: string | null;
  /** Index into the message's ab_subjects; null: the message's own subject. */
  subject_variant: number | null;
  /** When the relay was first tried for this recipient; retries stop a lifetime after it. */
  first_attempt_at: string | null;
}

/** sent: 2xx. deferred: a temporary failure, tried again later. failed: given up. bounced: the address was refused. */
export type AttemptOutcome = 'sent' | 'deferred' | 'failed' | 'bounced';

export interface DeliveryAttemptsTable {
  id: Generated<number>;
  recipient_id: number;
  attempted_at: string;
  outcome: AttemptOutcome;
  reply: string | null;
}

export type EventKind = 'page_view' | 'post_started' | 'post_reported' | 'click' | 'unsubscribe' | 'open'
  | 'article_visit' | 'article_shared';

export interface EventsTable {
  id: Generated<number>;
  kind: EventKind;
  storm_id: number | null;
  variant_id: number | null;
  network: string | null;
  message_id: number | null;
  person_id: number | null;
  /** Random first-party visitor id, so a page can count unique supporters without knowing them. */
  visitor: string | null;
  url: string | null;
  article_id: number | null;
  /** article_shared: the sharer's token; article_visit: the token of the share the visitor arrived through. */
  share_token: string | null;
  /** post_started: the storm target the post addressed. */
  target_id: number | null;
  created_at: string;
}

/** An article to read and share, served at /a/{slug}; with external_url instead of a body, /a/{slug} redirects there. */
export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: string;
  /** Markdown; null when the article lives at external_url. */
  body: string | null;
  external_url: string | null;
  /** For og:image when no image was uploaded; shown on the page only when it is on our own origin. */
  image_url: string | null;
  image_alt: string;
  language: string;
  created_at: string;
  updated_at: string;
}

export interface ArticleImagesTable {
  article_id: number;
  content_type: string;
  data: Buffer;
  etag: string;
  updated_at: string;
}

/** A sharer's first-party link to an article (/a/{slug}?via={token}): who shared, and through whose share they came. */
export interface ArticleSharesTable {
  /** Random, unguessable. */
  token: string;
  article_id: number;
  person_id: number | null;
  /** The sharer's first-party visitor id: what names the sharer when they are not a known person. */
  visitor: string | null;
  /** The share the sharer arrived through; null for a first-generation share. */
  via_token: string | null;
  /** 1 for a share by someone who did not arrive through a share; the parent's generation + 1 otherwise. */
  generation: number;
  created_at: string;
}

export type BounceKind = 'hard' | 'soft' | 'complaint';

export interface BounceEventsTable {
  id: Generated<number>;
  person_id: number;
  message_id: number | null;
  kind: BounceKind;
  /** Who reported it: ses, postmark, mailgun, sendgrid, smtp. */
  provider: string;
  detail: string | null;
  /** The provider's id for the event (and the address), so a report delivered twice counts once. */
  event_key: string;
  /** The status this report gave the person ('bouncing', 'spam complaint'); null when it changed nothing. */
  outcome: SubscriptionStatus | null;
  created_at: string;
}

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** A CSV import running in the background: its progress, written every batch so any process can show it. */
export interface ImportsTable {
  id: Generated<number>;
  status: ImportStatus;
  /** JSON array of the tags given to everyone in the file. */
  tags: Generated<string>;
  rows_done: Generated<number>;
  added: Generated<number>;
  updated: Generated<number>;
  rejected: Generated<number>;
  bytes_done: Generated<number>;
  bytes_total: Generated<number>;
  error: string | null;
  created_at: string;
  started_at: string | null;
  /** Renewed while it runs; a running import whose heartbeat stopped was interrupted. */
  heartbeat_at: string;
  finished_at: string | null;
}

export interface ImportRejectionsTable {
  id: Generated<number>;
  import_id: number;
  row: number;
  field: string | null;
  reason: string;
}

/** An address erased on request, as a keyed hash only, so an import does not silently add it again. */
export interface ErasuresTable {
  address_hash: string;
  erased_at: string;
}

export interface Database {
  settings: SettingsTable;
  people: PeopleTable;
  person_tags: PersonTagsTable;
  imports: ImportsTable;
  import_rejections: ImportRejectionsTable;
  erasures: ErasuresTable;
  subscription_changes: SubscriptionChangesTable;
  storms: StormsTable;
  storm_variants: StormVariantsTable;
  storm_targets: StormTargetsTable;
  storm_assignments: StormAssignmentsTable;
  storm_public_posts: StormPublicPostsTable;
  storm_reminders: StormRemindersTable;
  messages: MessagesTable;
  message_translations: MessageTranslationsTable;
  storm_translations: StormTranslationsTable;
  message_recipients: MessageRecipientsTable;
  delivery_attempts: DeliveryAttemptsTable;
  events: EventsTable;
  articles: ArticlesTable;
  article_images: ArticleImagesTable;
  article_shares: ArticleSharesTable;
  api_tokens: ApiTokensTable;
  users: UsersTable;
  sessions: SessionsTable;
  account_links: AccountLinksTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  bounce_events: BounceEventsTable;
}

/** A message's subject and body in another language than its own (migration 0012). */
export interface MessageTranslationsTable {
  message_id: number;
  language: string;
  subject: string;
  body: string;
}

/** A storm's title, article link and message texts (JSON array, by variant position) in another language. */
export interface StormTranslationsTable {
  storm_id: number;
  language: string;
  title: string;
  article_url: string | null;
  messages: string;
}

export type Db = Kysely<Database>;
export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type Storm = Selectable<StormsTable>;
export type StormVariant = Selectable<StormVariantsTable>;
export type StormTarget = Selectable<StormTargetsTable>;
export type Message = Selectable<MessagesTable>;
export type MessageRecipient = Selectable<MessageRecipientsTable>;
export type TrackedEvent = Selectable<EventsTable>;
export type Article = Selectable<ArticlesTable>;
export type ArticleShare = Selectable<ArticleSharesTable>;
