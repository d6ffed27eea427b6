// Amazon SNS message signatures: SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, over the
// message's fields in a fixed order, each as "Name\nvalue\n" (the SNS developer guide, "Verifying the
// signatures of Amazon SNS messages").
import { createVerify, type KeyObject } from 'node:crypto';

export interface SnsMessage {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string | undefined;
  Token?: string | undefined;
  SubscribeURL?: string | undefined;
}

const NOTIFICATION_FIELDS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_FIELDS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const;

/** The text SNS signed; undefined for a message type SNS does not send. */
export function snsStringToSign(message: SnsMessage): string | undefined {
  const fields = message.Type === 'Notification' ? NOTIFICATION_FIELDS
    : message.Type === 'SubscriptionConfirmation' || message.Type === 'UnsubscribeConfirmation' ? CONFIRMATION_FIELDS
      : undefined;
  if (!fields) return undefined;
  let text = '';
  for (const name of fields) {
    const value = message[name];
    // only Subject is optional (absent when the publisher gave none); a missing required field fails later
    if (value === undefined && name === 'Subject') continue;
    text += `${name}\n${value ?? ''}\n`;
  }
  return text;
}

export function verifySnsSignature(message: SnsMessage, signingKey: KeyObject): boolean {
  const algorithm = message.SignatureVersion === '1' ? 'RSA-SHA1' : message.SignatureVersion === '2' ? 'RSA-SHA256' : undefined;
  const text = snsStringToSign(message);
  if (!algorithm || text === undefined) return false;
  try {
    return createVerify(algorithm).update(text, 'utf8').verify(signingKey, message.Signature, 'base64');
  } catch {
    return false;
  }
}
