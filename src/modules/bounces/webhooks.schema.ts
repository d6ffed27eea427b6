// The shapes each provider posts. Webhook bodies are read raw (their signatures cover the bytes), so they
// are checked against these after authentication rather than by the route's body schema.
import { Type, type Static } from 'typebox';

const Text = Type.String({ maxLength: 100_000 });

export const SnsEnvelope = Type.Object({
  Type: Text,
  MessageId: Text,
  TopicArn: Text,
  Message: Text,
  Timestamp: Text,
  SignatureVersion: Text,
  Signature: Text,
  SigningCertURL: Text,
  Subject: Type.Optional(Text),
  Token: Type.Optional(Text),
  SubscribeURL: Type.Optional(Text),
});

export const PostmarkRecord = Type.Object({
  RecordType: Text,
  ID: Type.Optional(Type.Union([Type.Integer(), Text])),
  Type: Type.Optional(Text),
  Email: Type.Optional(Text),
  MessageID: Type.Optional(Text),
  Description: Type.Optional(Text),
  Details: Type.Optional(Text),
});

export const MailgunPayload = Type.Object({
  signature: Type.Object({ timestamp: Type.Union([Text, Type.Number()]), token: Text, signature: Text }),
  'event-data': Type.Object({
    event: Text,
    id: Type.Optional(Text),
    recipient: Type.Optional(Text),
    severity: Type.Optional(Text),
    reason: Type.Optional(Text),
    message: Type.Optional(Type.Object({ headers: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })),
    'delivery-status': Type.Optional(Type.Object({
      code: Type.Optional(Type.Union([Type.Integer(), Text])), message: Type.Optional(Text), description: Type.Optional(Text),
    })),
  }),
});

export const SendgridEvents = Type.Array(Type.Object({
  email: Text,
  event: Text,
  type: Type.Optional(Text),
  reason: Type.Optional(Text),
  status: Type.Optional(Text),
  sg_event_id: Type.Optional(Text),
  sg_message_id: Type.Optional(Text),
  'smtp-id': Type.Optional(Text),
}), { maxItems: 10_000 });

export const WebhookReceived = Type.Object({
  recorded: Type.Integer({ description: 'Reports that changed or counted towards a subscription' }),
});

export type SnsEnvelope = Static<typeof SnsEnvelope>;
export type PostmarkRecord = Static<typeof PostmarkRecord>;
export type MailgunPayload = Static<typeof MailgunPayload>;
export type SendgridEvents = Static<typeof SendgridEvents>;
