import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { mailSupporter, subscriptionOf, type Mailed } from '../helpers/bounce-fixtures.ts';
import { startFakeSns } from '../helpers/fake-sns.ts';
import { addSupporter, sendAndWait } from '../helpers/fixtures.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
const sns = await startFakeSns();
afterAll(async () => { await sink.close(); await sns.close(); });

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:outcry-ses';
const POSTMARK_PASSWORD = 'postmark-webhook-password';
const MAILGUN_KEY = 'key-mailgun-signing-0123456789';
const sendgridKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

const env = {
  SMTP_URL: sink.url,
  SES_SNS_TOPIC_ARNS: `arn:aws:sns:us-east-1:123456789012:other,${TOPIC}`,
  POSTMARK_WEBHOOK_PASSWORD: POSTMARK_PASSWORD,
  MAILGUN_WEBHOOK_KEY: MAILGUN_KEY,
  SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  OUTCRY_SOFT_BOUNCE_LIMIT: '3',
};
// the fake SNS serves its certificate over plain HTTP from 127.0.0.1; production allows https on SNS hosts only
const bounce = { sns: { host: /^127\.0\.0\.1$/, httpsOnly: false } };

const post = (ctx: TestContext, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${ctx.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

const sesBounce = (m: Mailed, bounceType: string) => ({
  notificationType: 'Bounce',
  bounce: { bounceType, bounceSubType: 'General', feedbackId: randomBytes(8).toString('hex'), bouncedRecipients: [{ emailAddress: m.email, status: '5.1.1' }] },
  mail: { messageId: 'ses-id', destination: [m.email], headers: [{ name: 'Message-ID', value: m.rfcMessageId }], commonHeaders: { messageId: m.rfcMessageId } },
});

function mailgunBody(event: object, timestamp = Math.floor(Date.now() / 1000), key = MAILGUN_KEY) {
  const token = randomBytes(25).toString('hex');
  const signature = createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex');
  return JSON.stringify({ signature: { timestamp: String(timestamp), token, signature }, 'event-data': { id: randomBytes(8).toString('hex'), ...event } });
}

function sendgridRequest(events: object[], key = sendgridKeys.privateKey) {
  const body = JSON.stringify(events);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + body), key).toString('base64');
  return { body, headers: { 'X-Twilio-Email-Event-Webhook-Signature': signature, 'X-Twilio-Email-Event-Webhook-Timestamp': timestamp } };
}

describeEachDatabase('bounce and complaint webhooks', (ctx, dialect) => {
  const address = (name: string) => `${name}-${dialect}@example.org`;

  it('confirms an SNS subscription by visiting its SubscribeURL once the signature checks out', async () => {
    const token = `confirm-${dialect}`;
    const res = await post(ctx(), '/webhooks/ses', JSON.stringify(sns.subscriptionConfirmation(TOPIC, token)), { 'content-type': 'text/plain; charset=UTF-8' });
    expect(res.status).toBe(200);
    expect(sns.confirmations).toContain(token);
  });

  it('makes a person bouncing on a signed SES permanent bounce, and counts it in the message statistics', async () => {
    const m = await mailSupporter(ctx(), sink, address('ses-hard'));
    const res = await post(ctx(), '/webhooks/ses', JSON.stringify(sns.notification(TOPIC, sesBounce(m, 'Permanent'))), { 'content-type': 'text/plain; charset=UTF-8' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recorded: 1 });
    expect(await subscriptionOf(ctx(), m.personId)).toEqual({
      status: 'bouncing', history: [{ status: 'bouncing', source: 'bounce', detail: `ses message:${m.messageId}` }],
    });
    expect((await ctx().api('GET', `/api/v1/messages/${m.messageId}`)).body.statistics.bounced).toBe(1);
  });

  it('accepts SNS signature version 2 and fetches each certificate once', async () => {
    const m = await mailSupporter(ctx(), sink, address('ses-v2'));
    const before = sns.certificateFetches;
    const res = await post(ctx(), '/webhooks/ses', JSON.stringify(sns.notification(TOPIC, sesBounce(m, 'Permanent'), { version: '2' })));
    expect(res.status).toBe(200);
    expect(sns.certificateFetches).toBe(before);
    expect((await subscriptionOf(ctx(), m.personId)).status).toBe('bouncing');
  });

  it('refuses an SNS message whose signature does not match, from another topic, or signed with a certificate from elsewhere', async () => {
    const m = await mailSupporter(ctx(), sink, address('ses-forged'));
    const tampered = { ...sns.notification(TOPIC, sesBounce(m, 'Transient')), Message: JSON.stringify(sesBounce(m, 'Permanent')) };
    const otherTopic = sns.notification('arn:aws:sns:eu-west-1:999999999999:evil', sesBounce(m, 'Permanent'));
    const elsewhere = sns.notification(TOPIC, sesBounce(m, 'Permanent'), { certificateUrl: sns.certificateUrl.replace('127.0.0.1', 'localhost') });
    for (const message of [tampered, otherTopic, elsewhere]) {
      const res = await post(ctx(), '/webhooks/ses', JSON.stringify(message));
      expect(res.status).toBe(403);
      expect((await res.json()).type).toMatch(/^\/problems\/(bad-signature|topic-not-allowed)$/);
    }
    expect(await subscriptionOf(ctx(), m.personId)).toEqual({ status: 'subscribed', history: [] });
  });

  it('marks a complaint through SES as a spam complaint and leaves the person out of the next send', async () => {
    const m = await mailSupporter(ctx(), sink, address('ses-complaint'));
    const stayer = address('ses-stayer');
    await addSupporter(ctx().runtime.deps.db, stayer, m.email.split('@')[0]!);
    const complaint = {
      notificationType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: m.email }], complaintFeedbackType: 'abuse', feedbackId: 'c1' },
      mail: { headers: [{ name: 'Message-ID', value: m.rfcMessageId }], commonHeaders: { messageId: m.rfcMessageId } },
    };
    expect((await post(ctx(), '/webhooks/ses', JSON.stringify(sns.notification(TOPIC, complaint)))).status).toBe(200);
    expect(await subscriptionOf(ctx(), m.personId)).toEqual({
      status: 'spam complaint', history: [{ status: 'spam complaint', source: 'complaint', detail: `ses message:${m.messageId}` }],
    });
    const mailsBefore = sink.mails.length;
    await sendAndWait(ctx(), { subject: 'Again', body: 'Hello', targets: { tags: [m.email.split('@')[0]!] } });
    expect(sink.mails.slice(mailsBefore).map((x) => x.envelopeTo[0])).toEqual([stayer]);
  });

  it('makes a person bouncing on a Postmark hard bounce sent with the webhook password', async () => {
    const m = await mailSupporter(ctx(), sink, address('postmark'));
    const body = JSON.stringify({ RecordType: 'Bounce', ID: 4323372036854775807, Type: 'HardBounce', TypeCode: 1, MessageID: 'pm-1', Email: m.email, Description: 'The server was unable to deliver your message' });
    const auth = (password: string) => ({ authorization: `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}` });
    expect((await post(ctx(), '/webhooks/postmark', body)).status).toBe(401);
    expect((await post(ctx(), '/webhooks/postmark', body, auth('wrong'))).status).toBe(401);
    expect((await subscriptionOf(ctx(), m.personId)).status).toBe('subscribed');
    expect((await post(ctx(), '/webhooks/postmark', body, auth(POSTMARK_PASSWORD))).status).toBe(200);
    expect(await subscriptionOf(ctx(), m.personId)).toEqual({
      status: 'bouncing', history: [{ status: 'bouncing', source: 'bounce', detail: `postmark message:${m.messageId}` }],
    });
  });

  it('marks a Postmark spam complaint', async () => {
    const m = await mailSupporter(ctx(), sink, address('postmark-spam'));
    const body = JSON.stringify({ RecordType: 'SpamComplaint', ID: 42, Type: 'SpamComplaint', TypeCode: 512, Email: m.email });
    const res = await post(ctx(), '/webhooks/postmark', body, { authorization: `Basic ${Buffer.from(`any:${POSTMARK_PASSWORD}`).toString('base64')}` });
    expect(res.status).toBe(200);
    expect((await subscriptionOf(ctx(), m.personId)).status).toBe('spam complaint');
  });

  it('makes a person bouncing on a signed Mailgun permanent failure, once however often it is delivered', async () => {
    const m = await mailSupporter(ctx(), sink, address('mailgun'));
    const body = mailgunBody({ event: 'failed', severity: 'permanent', recipient: m.email, reason: 'bounce', message: { headers: { 'message-id': m.rfcMessageId.replace(/[<>]/g, '') } } });
    expect((await post(ctx(), '/webhooks/mailgun', body)).status).toBe(200);
    expect((await post(ctx(), '/webhooks/mailgun', body)).status).toBe(200);
    expect(await subscriptionOf(ctx(), m.personId)).toEqual({
      status: 'bouncing', history: [{ status: 'bouncing', source: 'bounce', detail: `mailgun message:${m.messageId}` }],
    });
    const events = await ctx().runtime.deps.db.selectFrom('bounce_events').select(['kind', 'provider', 'message_id', 'outcome']).where('person_id', '=', m.personId).execute();
    expect(events).toEqual([{ kind: 'hard', provider: 'mailgun', message_id: m.messageId, outcome: 'bouncing' }]);
  });

  it('refuses a Mailgun event with a wrong signature or an old timestamp', async () => {
    const m = await mailSupporter(ctx(), sink, address('mailgun-forged'));
    const event = { event: 'complained', recipient: m.email };
    const wrongKey = await post(ctx(), '/webhooks/mailgun', mailgunBody(event, undefined, 'not-the-key'));
    const stale = await post(ctx(), '/webhooks/mailgun', mailgunBody(event, Math.floor(Date.now() / 1000) - 3600));
    expect([wrongKey.status, stale.status]).toEqual([403, 403]);
    expect((await subscriptionOf(ctx(), m.personId)).status).toBe('subscribed');
  });

  it('makes a person bouncing after soft bounces on three messages, not before', async () => {
    const email = address('soft-run');
    const first = await mailSupporter(ctx(), sink, email);
    const second = await mailSupporter(ctx(), sink, email, first.personId);
    const third = await mailSupporter(ctx(), sink, email, first.personId);
    const softBounce = (m: Mailed) => post(ctx(), '/webhooks/mailgun', mailgunBody({
      event: 'failed', severity: 'temporary', recipient: email, reason: 'generic',
      'delivery-status': { code: 452, description: 'Mailbox full' }, message: { headers: { 'message-id': m.rfcMessageId } },
    }));
    await softBounce(first);
    await softBounce(first); // the same mail reported again: still one message
    await softBounce(second);
    expect((await subscriptionOf(ctx(), first.personId)).status).toBe('subscribed');
    await softBounce(third);
    expect(await subscriptionOf(ctx(), first.personId)).toEqual({
      status: 'bouncing', history: [{ status: 'bouncing', source: 'bounce', detail: `mailgun message:${third.messageId}, 3 soft bounces in 30 days` }],
    });
  });

  it('reads signed SendGrid events: a bounce, a spam report, and deferrals of one mail that do not add up', async () => {
    const bounced = await mailSupporter(ctx(), sink, address('sendgrid-bounce'));
    const reported = await mailSupporter(ctx(), sink, address('sendgrid-spam'));
    const deferred = await mailSupporter(ctx(), sink, address('sendgrid-deferred'));
    const event = (m: Mailed, fields: object) => ({ email: m.email, timestamp: 1764060000, 'smtp-id': m.rfcMessageId, sg_event_id: randomBytes(8).toString('hex'), sg_message_id: 'sg.1', ...fields });
    const { body, headers } = sendgridRequest([
      event(bounced, { event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 unknown user' }),
      event(reported, { event: 'spamreport' }),
      ...[1, 2, 3].map(() => event(deferred, { event: 'deferred', response: '451 try again later', attempt: '1' })),
      event(deferred, { event: 'delivered' }),
    ]);
    const res = await post(ctx(), '/webhooks/sendgrid', body, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recorded: 5 });
    expect((await subscriptionOf(ctx(), bounced.personId)).status).toBe('bouncing');
    expect((await subscriptionOf(ctx(), reported.personId)).status).toBe('spam complaint');
    expect((await subscriptionOf(ctx(), deferred.personId)).status).toBe('subscribed');
  });

  it('refuses SendGrid events signed with another key, or altered after signing', async () => {
    const m = await mailSupporter(ctx(), sink, address('sendgrid-forged'));
    const events = [{ email: m.email, event: 'spamreport', sg_event_id: 'x1' }];
    const otherKey = sendgridRequest(events, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey);
    const good = sendgridRequest(events);
    expect((await post(ctx(), '/webhooks/sendgrid', otherKey.body, otherKey.headers)).status).toBe(403);
    expect((await post(ctx(), '/webhooks/sendgrid', good.body.replace('spamreport', 'bounce'), good.headers)).status).toBe(403);
    expect((await post(ctx(), '/webhooks/sendgrid', good.body)).status).toBe(403);
    expect((await subscriptionOf(ctx(), m.personId)).status).toBe('subscribed');
  });
}, () => ({ env, bounce }));

describeEachDatabase('bounce webhooks without their keys', (ctx) => {
  it('answers 404 for every webhook that is not configured', async () => {
    for (const path of ['/webhooks/ses', '/webhooks/postmark', '/webhooks/mailgun', '/webhooks/sendgrid']) {
      const res = await post(ctx(), path, '{}');
      expect(res.status, path).toBe(404);
      expect((await res.json()).type).toBe('/problems/webhook-not-enabled');
    }
  });
});
