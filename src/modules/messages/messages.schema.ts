// The API's shapes for messages (OSDI's names where OSDI has them), published through /api/openapi.json.
import { Type } from 'typebox';

const Status = Type.Union([
  Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('sending'),
  Type.Literal('sent'), Type.Literal('paused'), Type.Literal('cancelled'),
]);
const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const MessageId = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const MessageInput = Type.Object({
  subject: Type.String({ minLength: 1, maxLength: 300, description: 'May hold Liquid merge tags' }),
  body: Type.String({ minLength: 1, maxLength: 200_000, description: 'Markdown with Liquid merge tags, e.g. {{ first_name | default: "friend" }}' }),
  from: Type.Optional(Type.String({ maxLength: 320, description: 'A mailbox like "Name <name@example.org>"; MAIL_FROM when absent' })),
  targets: Type.Optional(Type.Object({
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100, description: 'Subscribed people with any of these tags; everyone subscribed when empty' })),
  })),
  language: Type.Optional(Type.String({ maxLength: 35, description: 'BCP 47 tag of the message (sets lang and direction); default en' })),
});

export const MessageCreated = Type.Object({ id: Type.Integer() });

const summaryFields = {
  id: Type.Integer(),
  subject: Type.String(),
  from: Type.String(),
  language: Type.String(),
  targets: Type.Object({ tags: Type.Array(Type.String()) }),
  status: Status,
  scheduled_at: Time,
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
});

export const MessageView = Type.Object({ ...summaryFields, body: Type.String(), statistics: MessageStatistics });

export const SendInput = Type.Object({
  at: Type.Optional(Type.String({ format: 'date-time', description: 'Send at this time (with offset) instead of now' })),
});

export const SendState = Type.Object({ id: Type.Integer(), status: Status, scheduled_at: Time });

export const TestInput = Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) });

export const TestResult = Type.Object({ response: Type.String({ description: "The relay's answer" }) });

export const PreviewQuery = Type.Object({ email: Type.Optional(Type.String({ maxLength: 320 })) });

export const Preview = Type.Object({ subject: Type.String(), html: Type.String(), text: Type.String() });
