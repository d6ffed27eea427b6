// Amazon SNS as a test meets it: an HTTP server on 127.0.0.1 that serves a signing certificate and counts
// subscription confirmations, and a signer that makes messages the way SNS does (written here from the
// SNS documentation, apart from the code it tests).
import { createSign, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './self-signed-certificate.ts';

export interface FakeSns {
  baseUrl: string;
  certificateUrl: string;
  /** Tokens of the SubscribeURLs visited. */
  confirmations: string[];
  /** Times the certificate was fetched. */
  certificateFetches: number;
  notification(topicArn: string, message: unknown, options?: { version?: '1' | '2'; certificateUrl?: string }): Record<string, string>;
  subscriptionConfirmation(topicArn: string, token: string): Record<string, string>;
  close(): Promise<void>;
}

export async function startFakeSns(): Promise<FakeSns> {
  const certificate = selfSignedCertificate('sns.amazonaws.com');
  const fake = { confirmations: [] as string[], certificateFetches: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/SimpleNotificationService-test.pem') {
      fake.certificateFetches++;
      res.end(certificate.pem);
    } else if (url.pathname === '/' && url.searchParams.get('Action') === 'ConfirmSubscription') {
      fake.confirmations.push(url.searchParams.get('Token') ?? '');
      res.setHeader('content-type', 'text/xml');
      res.end('<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>');
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const certificateUrl = `${baseUrl}/SimpleNotificationService-test.pem`;

  function signed(fields: Record<string, string>, order: string[], version: '1' | '2') {
    const text = order.filter((k) => fields[k] !== undefined).map((k) => `${k}\n${fields[k]}\n`).join('');
    const Signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256').update(text).sign(certificate.privateKey, 'base64');
    return { ...fields, SignatureVersion: version, Signature };
  }

  return {
    baseUrl,
    certificateUrl,
    get confirmations() { return fake.confirmations; },
    get certificateFetches() { return fake.certificateFetches; },
    notification(topicArn, message, options = {}) {
      return signed({
        Type: 'Notification', MessageId: randomUUID(), TopicArn: topicArn, Message: JSON.stringify(message),
        Timestamp: new Date().toISOString(), SigningCertURL: options.certificateUrl ?? certificateUrl,
        UnsubscribeURL: `${baseUrl}/?Action=Unsubscribe`,
      }, ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'], options.version ?? '1');
    },
    subscriptionConfirmation(topicArn, token) {
      return signed({
        Type: 'SubscriptionConfirmation', MessageId: randomUUID(), Token: token, TopicArn: topicArn,
        Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
        SubscribeURL: `${baseUrl}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
        Timestamp: new Date().toISOString(), SigningCertURL: certificateUrl,
      }, ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'], '2');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
