// The API's shapes for one person's data: their timeline, their data export (GDPR) and their erasure.
import { Type } from 'typebox';
import { Person } from './people.schema.ts';

const Text = Type.Union([Type.String(), Type.Null()]);
const Id = Type.Union([Type.Integer(), Type.Null()]);
const Time = Type.String({ format: 'date-time' });

export const HistoryQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  before: Type.Optional(Type.String({
    minLength: 1, maxLength: 200, description: 'The `next_before` of the previous page, or an ISO 8601 time (the items older than it)',
  })),
});

export const History = Type.Object({
  items: Type.Array(Type.Object({
    at: Time,
    kind: Type.String({ description: 'status_changed, message, bounce, reminder_requested, or an event: click, open, unsubscribe, page_view, post_started, post_reported…' }),
    status: Type.Optional(Type.String()),
    previous_status: Type.Optional(Text),
    source: Type.Optional(Type.String({ description: 'status_changed: how (import, api, unsubscribe-page, one-click, bounce, complaint…)' })),
    detail: Type.Optional(Text),
    message_id: Type.Optional(Id),
    subject: Type.Optional(Type.String({ description: 'The subject the person got' })),
    delivery: Type.Optional(Type.Object({
      status: Type.String({ description: 'queued, sent, failed, skipped' }),
      attempts: Type.Integer(),
      bounced: Type.Boolean(),
      last_reply: Text,
      sent_at: Type.Union([Time, Type.Null()]),
    })),
    storm_id: Type.Optional(Id),
    storm_title: Type.Optional(Type.String()),
    network: Type.Optional(Text),
    url: Type.Optional(Text),
    bounce: Type.Optional(Type.Object({ kind: Type.String(), provider: Type.String(), outcome: Text })),
    language: Type.Optional(Type.String()),
  })),
  next_before: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `before` for the items after the last one shown (an opaque string; items sharing a time are neither repeated nor skipped); null when there are none',
  }),
});

export const PersonDataExport = Type.Object({
  exported_at: Time,
  person: Person,
  subscription_history: Type.Array(Type.Object({
    status: Type.String(), previous_status: Text, source: Type.String(), detail: Text, changed_at: Time,
  })),
  messages: Type.Array(Type.Object({
    recipient_id: Type.Integer(), message_id: Type.Integer(), subject: Type.String(), at: Time, email: Type.String(),
    status: Type.String(), attempts: Type.Integer(), bounced: Type.Boolean(), last_reply: Text, sent_at: Type.Union([Type.String(), Type.Null()]),
  })),
  delivery_attempts: Type.Array(Type.Object({
    message_id: Type.Integer(), attempted_at: Time, outcome: Type.String(), reply: Text,
  })),
  events: Type.Array(Type.Object({
    kind: Type.String(), at: Time, storm_id: Id, variant_id: Id, network: Text, message_id: Id, url: Text,
    visitor: Type.Union([Type.String(), Type.Null()], { description: 'The random first-party id of the browser the event came from' }),
  })),
  bounces: Type.Array(Type.Object({
    kind: Type.String(), provider: Type.String(), message_id: Id, detail: Text, outcome: Text, created_at: Time,
  })),
  reminder_requests: Type.Array(Type.Object({
    storm_id: Type.Integer(), storm_title: Type.String(), language: Type.String(), created_at: Time,
  })),
  article_shares: Type.Array(Type.Object({
    article_id: Type.Integer(), article_title: Type.String(), token: Type.String({ description: 'Their share link\'s token' }), generation: Type.Integer(), created_at: Time,
  })),
}, { description: 'Everything stored about the person' });

export const ErasureReport = Type.Object({
  id: Type.Integer(),
  erased_at: Time,
  removed: Type.Object({
    tags: Type.Integer(),
    subscription_changes: Type.Integer(),
    message_recipients: Type.Integer({ description: 'Messages sent to them, with their delivery log' }),
    bounce_events: Type.Integer(),
    reminder_requests: Type.Integer(),
    events_anonymised: Type.Integer({ description: 'Clicks, page views, posts…: kept for the numbers, no longer linked to anyone' }),
    article_shares_anonymised: Type.Integer({ description: 'Article links they shared: kept for the chain of sharers, no longer linked to them' }),
  }),
});
