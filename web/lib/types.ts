// The shapes the API answers with, as far as the app reads them (see /api/openapi.json).
export interface StormVariant { id: number; position: number; text: string }

export interface Storm {
  id: number; slug: string; url: string; title: string; language: string; timezone: string;
  starts_at: string; ends_at: string; state: 'before' | 'during' | 'after';
  hashtags: string[]; targets: { name: string; handles: Record<string, string> }[]; mastodon_instances: string[]; article_url: string | null;
  variants: StormVariant[];
  translations: { language: string; title: string; article_url: string | null; messages: { text: string }[] }[];
}

export type MessageStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'paused' | 'cancelled';

export interface MessageSummary {
  id: number; subject: string; from: string; language: string; targets: { tags: string[] }; status: MessageStatus;
  scheduled_at: string | null; timezone: string | null; sent_start_date: string | null; sent_end_date: string | null;
  total_targeted: number; created_date: string;
}

export interface MessageStatistics {
  total: number; queued: number; sent: number; failed: number; skipped: number; bounced: number; clicked: number;
  unsubscribed: number; links: { url: string; clicked: number }[]; opened: number | null;
}

export interface MessageTranslation { language: string; subject: string; body: string }

export interface Message extends MessageSummary {
  body: string; track_opens: boolean; statistics: MessageStatistics; translations: MessageTranslation[];
}

export type SubscriptionStatus = 'subscribed' | 'unsubscribed' | 'bouncing' | 'spam complaint';

export interface Person {
  id: number; given_name: string | null; family_name: string | null;
  email_addresses: { address: string; status: SubscriptionStatus; primary: boolean }[];
  tags: string[]; language: string | null; country: string | null; postal_code: string | null;
  custom_fields: Record<string, string>; created_at: string; updated_at: string;
}

export interface PeoplePage {
  items: Person[];
  total?: number;
  /** Counting exactly took too long (a very large list): `total` is the database's estimate, said as "about". */
  total_is_estimate?: true;
  next_cursor?: string | null;
  next_after?: number;
}

export const personName = (p: Person) => [p.given_name, p.family_name].filter(Boolean).join(' ');
export const personEmail = (p: Person) => p.email_addresses[0]?.address ?? '';
export const personStatus = (p: Person): SubscriptionStatus => p.email_addresses[0]?.status ?? 'subscribed';
