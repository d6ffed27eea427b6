// POST /webhooks/ses: Amazon SES reports through an SNS topic. SNS signs every message; a message counts
// only when its signature checks out against SNS's certificate and it comes from a topic in
// SES_SNS_TOPIC_ARNS (any AWS account can create a topic and point it here). A subscription is confirmed
// by visiting the SubscribeURL, itself only on an SNS host.
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import type { BounceReport } from './bounce-report.ts';
import { sesReports } from './ses-notification.ts';
import { isSnsUrl, type SnsCertificates } from './sns-certificates.ts';
import { verifySnsSignature } from './sns-signature.ts';
import { badSignature, readJsonBody, webhookNotEnabled } from './webhook-body.ts';
import { SnsEnvelope } from './webhooks.schema.ts';

export async function sesWebhookReports(deps: Pick<Deps, 'bounce' | 'log'>, certificates: SnsCertificates, body: unknown): Promise<BounceReport[]> {
  if (deps.bounce.sesTopicArns.length === 0) throw webhookNotEnabled();
  const message = readJsonBody(SnsEnvelope, body);
  if (!deps.bounce.sesTopicArns.includes(message.TopicArn)) throw new Problem(403, 'topic-not-allowed', 'Notifications from this topic are not accepted');
  let signingKey;
  try {
    signingKey = await certificates.signingKey(message.SigningCertURL);
  } catch (err) {
    deps.log.warn({ err, url: message.SigningCertURL }, 'refused an SNS signing certificate');
    throw badSignature('The signing certificate could not be used');
  }
  if (!verifySnsSignature(message, signingKey)) throw badSignature();

  if (message.Type === 'SubscriptionConfirmation') {
    await confirmSubscription(deps, message.SubscribeURL);
    return [];
  }
  return message.Type === 'Notification' ? sesReports(message.MessageId, message.Message) : [];
}

async function confirmSubscription(deps: Pick<Deps, 'bounce' | 'log'>, url: string | undefined): Promise<void> {
  if (!isSnsUrl(deps.bounce.sns, url)) throw new Problem(400, 'bad-subscribe-url', 'The SubscribeURL is not on an SNS host');
  const res = await fetch(url!, { redirect: 'error', signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
  if (!res?.ok) throw new Problem(502, 'confirmation-failed', 'The SNS subscription could not be confirmed');
  await res.body?.cancel();
  deps.log.info({ url: new URL(url!).origin }, 'confirmed the SNS subscription');
}
