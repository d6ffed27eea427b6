// Public pages load nothing from other origins and leak nothing through the Referer header.
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  // a form on our page may lead (via our own 302) to a network's share page or the mail client
  "form-action 'self' https: mailto:",
].join('; ');

const HEADERS = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** Every header the hook below gives a response, for an answer written without Fastify (http/answer.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = { 'content-security-policy': CONTENT_SECURITY_POLICY, ...HEADERS };

export function registerSecurityHeaders(app: FastifyInstance): void {
  // a callback hook, not an async one: it runs on every response, and a promise per response shows in a burst
  app.addHook('onSend', (_req, reply, payload, done) => {
    // a page with a policy of its own (the organiser's app) has set it already
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.headers(HEADERS);
    done(null, payload);
  });
}
