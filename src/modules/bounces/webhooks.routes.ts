// The providers' webhooks, public and outside the API's bearer auth: each provider proves who it is its
// own way (see its *.webhook.ts). A webhook whose key is not configured answers 404 (not enabled).
// Signatures cover the exact bytes sent, so in this scope — and only here — every body is read raw.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import type { BounceReport } from './bounce-report.ts';
import { mailgunWebhookReports } from './mailgun.webhook.ts';
import { postmarkWebhookReports } from './postmark.webhook.ts';
import { recordBounceReports } from './record-bounce.service.ts';
import { sendgridKeyOf, sendgridWebhookReports } from './sendgrid.webhook.ts';
import { sesWebhookReports } from './ses.webhook.ts';
import { createSnsCertificates } from './sns-certificates.ts';
import { webhookNotEnabled } from './webhook-body.ts';
import { WebhookReceived } from './webhooks.schema.ts';

const route = { bodyLimit: 8 * 1024 * 1024, schema: { hide: true, response: { 200: WebhookReceived } } };

export function registerWebhookRoutes(app: FastifyInstance, deps: Deps): void {
  const certificates = createSnsCertificates(deps.bounce.sns, deps.clock);
  // a bad key should stop the start, not surface at the first event
  const sendgridKey = deps.bounce.sendgridPublicKey ? sendgridKeyOf(deps.bounce.sendgridPublicKey) : undefined;
  const received = async (reports: BounceReport[]) => ({ recorded: await recordBounceReports(deps, reports) });

  void app.register(async (scope) => {
    // SNS posts JSON as text/plain; the others post application/json
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: route.bodyLimit }, (_req, body, done) => done(null, body));

    scope.post('/webhooks/ses', route, async (req) => received(await sesWebhookReports(deps, certificates, req.body)));
    scope.post('/webhooks/postmark', route, async (req) => received(postmarkWebhookReports(deps, req.headers.authorization, req.body)));
    scope.post('/webhooks/mailgun', route, async (req) => received(mailgunWebhookReports(deps, req.body)));
    scope.post('/webhooks/sendgrid', route, async (req) => {
      if (!sendgridKey) throw webhookNotEnabled();
      return received(sendgridWebhookReports(sendgridKey, req.headers, req.body));
    });
  });
}
