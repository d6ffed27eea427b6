// The keys of bounce and complaint handling, read once like the rest of the config. Kept apart from
// config.ts while both change; every key is in README.md and .env.example.
import { intFrom } from './config.ts';

/** The hosts Amazon SNS signs from and sends confirmation links from. */
export const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

export interface BounceConfig {
  /** Domain of the VERP return path (bounces+TOKEN@domain); undefined: no VERP, mail bounces to the sender. */
  readonly domain: string | undefined;
  /** Port of the inbound SMTP listener the worker runs for bounces; undefined: no listener. */
  readonly smtpPort: number | undefined;
  readonly smtpHost: string;
  /** This many soft bounces on different messages within softBounceDays make a person bouncing. */
  readonly softBounceLimit: number;
  readonly softBounceDays: number;
  /** Amazon SNS topics whose SES notifications are accepted; empty: /webhooks/ses is not enabled. */
  readonly sesTopicArns: readonly string[];
  /** The Basic auth password Postmark sends; undefined: /webhooks/postmark is not enabled. */
  readonly postmarkPassword: string | undefined;
  /** Mailgun's HTTP webhook signing key; undefined: /webhooks/mailgun is not enabled. */
  readonly mailgunKey: string | undefined;
  /** SendGrid's signed event webhook verification key (PEM or base64 DER); undefined: not enabled. */
  readonly sendgridPublicKey: string | undefined;
  /** Where SNS certificates and confirmation links may come from. Only tests change it, never the environment. */
  readonly sns: { readonly host: RegExp; readonly httpsOnly: boolean };
}

export interface BounceConfigOverrides {
  sns?: { host: RegExp; httpsOnly: boolean };
}

export function readBounceConfig(env: NodeJS.ProcessEnv = process.env, overrides: BounceConfigOverrides = {}): BounceConfig {
  const domain = (env.BOUNCE_DOMAIN || '').trim().toLowerCase() || undefined;
  if (domain && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(domain)) {
    throw new Error(`BOUNCE_DOMAIN must be a domain name like bounces.example.org (got "${domain}")`);
  }
  const smtpPort = env.BOUNCE_SMTP_PORT ? intFrom(env, 'BOUNCE_SMTP_PORT', 0) : undefined;
  if (smtpPort !== undefined && !domain) throw new Error('BOUNCE_SMTP_PORT needs BOUNCE_DOMAIN: the listener accepts mail for that domain only');
  const softBounceLimit = intFrom(env, 'OUTCRY_SOFT_BOUNCE_LIMIT', 3);
  if (softBounceLimit < 1) throw new Error('OUTCRY_SOFT_BOUNCE_LIMIT must be at least 1');
  return Object.freeze({
    domain,
    smtpPort,
    smtpHost: env.BOUNCE_SMTP_HOST || '127.0.0.1',
    softBounceLimit,
    softBounceDays: intFrom(env, 'OUTCRY_SOFT_BOUNCE_DAYS', 30),
    sesTopicArns: Object.freeze((env.SES_SNS_TOPIC_ARNS ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    postmarkPassword: env.POSTMARK_WEBHOOK_PASSWORD || undefined,
    mailgunKey: env.MAILGUN_WEBHOOK_KEY || undefined,
    sendgridPublicKey: env.SENDGRID_WEBHOOK_PUBLIC_KEY || undefined,
    sns: Object.freeze(overrides.sns ?? { host: SNS_HOST, httpsOnly: true }),
  });
}
