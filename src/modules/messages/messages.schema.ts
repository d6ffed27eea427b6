// The API's shapes for messages (OSDI's names where OSDI has them), published through /api/openapi.json.
import { Type } from 'typebox';

const Status = Type.Union([
  Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('sending'),
  Type.Literal('sent'), Type.Literal('paused'), Type.Literal('cancelled'),
]);
const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const MessageId = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const AbTestInput = Type.Object({
  subjects: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
    minItems: 2, maxItems: 4, description: 'The subject variants to test (Liquid allowed), 2 to 4',
  }),
  sample_percent: Type.Optional(Type.Integer({
    minimum: 1, maximum: 50, default: 20,
    description: 'Share of the audience in the test, split evenly among the subjects; chosen at random but the same on every run',
  })),
  decide_after_minutes: Type.Optional(Type.Integer({
    minimum: 1, maximum: 10_080, default: 60,
    description: 'Minutes after the sample goes out that the winner is chosen: the subject with the most people clicking (ties: the earlier subject). Everyone else is held until then and gets the winner.',
  })),
}, { description: 'An A/B subject test' });

export const AbTestView = Type.Object({
  subjects: Type.Array(Type.String()),
  sample_percent: Type.Integer(),
  decide_after_minutes: Type.Integer(),
  decide_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the winner is chosen; null until the sample goes out' }),
  winner: Type.Union([Type.Integer(), Type.Null()], { description: 'Index into subjects; null until decided' }),
  decided_at: Time,
});

export const MessageTranslation = Type.Object({
  language: Type.String({ maxLength: 35, description: 'BCP 47 tag; recipients whose language matches (same language and script) get this version' }),
  subject: Type.String({ minLength: 1, maxLength: 300 }),
  body: Type.String({ minLength: 1, maxLength: 200_000 }),
}, { description: 'The message in another language' });

export const MessageInput = Type.Object({
  subject: Type.String({ minLength: 1, maxLength: 300, description: 'May hold Liquid merge tags' }),
  body: Type.String({ minLength: 1, maxLength: 200_000, description: 'Markdown with Liquid merge tags, e.g. {{ first_name | default: "friend" }}' }),
  from: Type.Optional(Type.String({ maxLength: 320, description: 'A mailbox like "Name <name@example.org>"; MAIL_FROM when absent' })),
  targets: Type.Optional(Type.Object({
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100, description: 'Subscribed people with any of these tags; everyone subscribed when empty' })),
  })),
  language: Type.Optional(Type.String({ maxLength: 35, description: 'BCP 47 tag of the message (sets lang and direction); default en' })),
  track_opens: Type.Optional(Type.Boolean({
    default: false,
    description: 'Adds a 1×1 first-party image that counts opens. Off by default: opens are estimates (image blocking, privacy proxies) and a tracking pixel is something supporters may not expect.',
  })),
  ab_test: Type.Optional(AbTestInput),
  translations: Type.Optional(Type.Array(MessageTranslation, {
    maxItems: 30, description: 'The message in other languages; everyone else gets subject and body in `language`',
  })),
});

export const MessageCreated = Type.Object({ id: Type.Integer() });

const summaryFields = {
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('blast'), Type.Literal('reminder')], { description: 'blast: composed by an organiser; reminder: a storm\'s reminder wave at its start, one message per language' }),
  subject: Type.String(),
  from: Type.String(),
  language: Type.String(),
  targets: Type.Object({ tags: Type.Array(Type.String()) }),
  status: Status,
  scheduled_at: Time,
  timezone: Type.Union([Type.String(), Type.Null()], { description: 'The IANA zone the schedule was written in (scheduled_at is UTC)' }),
  sent_start_date: Time,
  sent_end_date: Time,
  total_targeted: Type.Integer(),
  created_date: Type.String({ format: 'date-time' }),
  modified_date: Type.String({ format: 'date-time' }),
};

export const MessageSummary = Type.Object(summaryFields);

export const MessageList = Type.Object({ items: Type.Array(MessageSummary) });

export const MessageListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only messages with a smaller id (the next page)' })),
});

export const MessageStatistics = Type.Object({
  total: Type.Integer(),
  queued: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
  skipped: Type.Integer({ description: 'Not mailed: the person unsubscribed or bounced after the send started' }),
  bounced: Type.Integer(),
  clicked: Type.Integer({ description: 'People who clicked at least one link' }),
  unsubscribed: Type.Integer(),
  links: Type.Array(Type.Object({ url: Type.String(), clicked: Type.Integer() })),
  opened: Type.Union([Type.Integer(), Type.Null()], { description: 'People whose open pixel loaded; null when the message does not track opens' }),
  opens_are_estimates: Type.Optional(Type.Literal(true, { description: 'Present when opens are tracked: blocked images and privacy proxies make them estimates' })),
  ab_test: Type.Union([Type.Object({
    variants: Type.Array(Type.Object({
      subject: Type.String(),
      sent: Type.Integer({ description: 'Mailed with this subject (after the decision, the held recipients count under the winner)' }),
      clicked: Type.Integer({ description: 'People mailed with this subject who clicked a link' }),
    })),
    winner: Type.Union([Type.Integer(), Type.Null()], { description: 'Index of the winning subject; null until decided' }),
  }), Type.Null()]),
});

export const MessageView = Type.Object({
  ...summaryFields,
  body: Type.String(),
  track_opens: Type.Boolean(),
  ab_test: Type.Union([AbTestView, Type.Null()]),
  translations: Type.Array(MessageTranslation),
  statistics: MessageStatistics,
});

// a local time: 2026-02-20T19:00 (or a space for the T), seconds optional; with an offset it is an instant
const SEND_AT = '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}:\\d{2})?$';

export const SendInput = Type.Object({
  at: Type.Optional(Type.String({
    pattern: SEND_AT,
    description: 'Send at this time instead of now: an ISO 8601 time with an offset (2026-02-20T19:00:00+01:00), '
      + 'or a local wall-clock time without one (2026-02-20T19:00) together with `timezone`. A local time that '
      + 'happens twice there (clocks going back) means the earlier one; a time that does not exist there '
      + '(clocks going forward) is refused with 400 nonexistent-local-time.',
  })),
  timezone: Type.Optional(Type.String({
    minLength: 1, maxLength: 64,
    description: 'IANA time zone, e.g. Europe/London: how a local `at` is read, and kept on the message to show the schedule as written',
  })),
});

export const SendState = Type.Object({
  id: Type.Integer(), status: Status, scheduled_at: Time,
  timezone: Type.Union([Type.String(), Type.Null()]),
});

export const TestInput = Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) });

export const TestResult = Type.Object({ response: Type.String({ description: "The relay's answer" }) });

export const PreviewQuery = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 320 })),
  language: Type.Optional(Type.String({ maxLength: 35, description: 'Show the version (and footer) a reader of this language gets' })),
});

export const Preview = Type.Object({ subject: Type.String(), html: Type.String(), text: Type.String() });
