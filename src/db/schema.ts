// Table types. Timestamps are ISO 8601 strings in UTC on both databases; JSON columns hold JSON text.
import type { Generated, Insertable, Kysely, Selectable } from 'kysely';

export type SubscriptionStatus = 'subscribed' | 'unsubscribed' | 'bouncing' | 'spam complaint';

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
  /** JSON array of target handles. */
  targets: string;
  article_url: string | null;
  /** JSON array of Mastodon servers whose hashtag timelines are read for evidence: host names, or base URLs. */
  mastodon_instances: Generated<string>;
  created_at: string;
  updated_at: string;
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
}

export type MessageStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'paused' | 'cancelled';

export interface MessagesTable {
  id: Generated<number>;
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

export type EventKind = 'page_view' | 'post_started' | 'post_reported' | 'click' | 'unsubscribe' | 'open';

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
  created_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
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

export interface Database {
  settings: SettingsTable;
  people: PeopleTable;
  person_tags: PersonTagsTable;
  subscription_changes: SubscriptionChangesTable;
  storms: StormsTable;
  storm_variants: StormVariantsTable;
  storm_public_posts: StormPublicPostsTable;
  messages: MessagesTable;
  message_recipients: MessageRecipientsTable;
  delivery_attempts: DeliveryAttemptsTable;
  events: EventsTable;
  api_tokens: ApiTokensTable;
  bounce_events: BounceEventsTable;
}

export type Db = Kysely<Database>;
export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type Storm = Selectable<StormsTable>;
export type StormVariant = Selectable<StormVariantsTable>;
export type Message = Selectable<MessagesTable>;
export type MessageRecipient = Selectable<MessageRecipientsTable>;
export type TrackedEvent = Selectable<EventsTable>;
