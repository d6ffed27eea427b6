import { createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { snsStringToSign, verifySnsSignature, type SnsMessage } from './sns-signature.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function signed(message: Omit<SnsMessage, 'Signature'>): SnsMessage {
  const algorithm = message.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256';
  const Signature = createSign(algorithm).update(snsStringToSign({ ...message, Signature: '' })!).sign(privateKey, 'base64');
  return { ...message, Signature };
}

const notification = {
  Type: 'Notification', MessageId: 'da41e39f-ea4d-435a-b922-c6aae3915ebe', TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-bounces',
  Message: '{"notificationType":"Bounce"}', Timestamp: '2026-11-25T10:12:07.000Z', SignatureVersion: '1',
  SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
};

describe('SNS message signatures', () => {
  it('signs the fields of a notification in the documented order, Subject only when there is one', () => {
    expect(snsStringToSign({ ...notification, Signature: '' })).toBe(
      'Message\n{"notificationType":"Bounce"}\nMessageId\nda41e39f-ea4d-435a-b922-c6aae3915ebe\n' +
      'Timestamp\n2026-11-25T10:12:07.000Z\nTopicArn\narn:aws:sns:eu-west-1:123456789012:ses-bounces\nType\nNotification\n');
    expect(snsStringToSign({ ...notification, Subject: 'Bounce', Signature: '' })).toContain('MessageId\nda41e39f-ea4d-435a-b922-c6aae3915ebe\nSubject\nBounce\nTimestamp\n');
  });

  it('signs a subscription confirmation with its SubscribeURL and Token', () => {
    const text = snsStringToSign({ ...notification, Type: 'SubscriptionConfirmation', SubscribeURL: 'https://sns.example/confirm', Token: 't0k', Signature: '' });
    expect(text).toBe(
      'Message\n{"notificationType":"Bounce"}\nMessageId\nda41e39f-ea4d-435a-b922-c6aae3915ebe\nSubscribeURL\nhttps://sns.example/confirm\n' +
      'Timestamp\n2026-11-25T10:12:07.000Z\nToken\nt0k\nTopicArn\narn:aws:sns:eu-west-1:123456789012:ses-bounces\nType\nSubscriptionConfirmation\n');
  });

  it('accepts SHA1withRSA (version 1) and SHA256withRSA (version 2) signatures', () => {
    expect(verifySnsSignature(signed(notification), publicKey)).toBe(true);
    expect(verifySnsSignature(signed({ ...notification, SignatureVersion: '2' }), publicKey)).toBe(true);
  });

  it('refuses a changed message, a signature made under the other version, and unknown versions or types', () => {
    const good = signed(notification);
    expect(verifySnsSignature({ ...good, Message: '{"notificationType":"Complaint"}' }, publicKey)).toBe(false);
    expect(verifySnsSignature({ ...good, SignatureVersion: '2' }, publicKey)).toBe(false);
    expect(verifySnsSignature({ ...good, SignatureVersion: '3' }, publicKey)).toBe(false);
    expect(verifySnsSignature({ ...good, Type: 'Surprise' }, publicKey)).toBe(false);
    expect(verifySnsSignature({ ...good, Signature: 'not base64 at all' }, publicKey)).toBe(false);
  });
});
