// /api/v1/settings/organisation (and its logo), /api/v1/settings/senders and /api/v1/settings/smtp/test:
// the owner's settings of how the organisation appears and sends. One service call each.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { IMAGE_TYPES } from '../../lib/image-type.ts';
import { MAX_LOGO_BYTES, removeOrganisationLogo, setOrganisationLogo } from './organisation-logo.service.ts';
import { getOrganisation, setOrganisation } from './organisation.service.ts';
import { getSenders, sendSmtpTest, setSenders } from './senders.service.ts';

const tags = ['settings'];
const owner = { role: 'owner' } as const;

const colour = (use: string) => Type.String({ maxLength: 7, description: `#rrggbb, for ${use}; refused unless readable on white (WCAG AA, 4.5:1)` });
const Organisation = Type.Object({
  name: Type.String({ maxLength: 200 }),
  logo_url: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], {
    description: 'Read-only: the uploaded logo\'s address on our own origin (upload with PUT /api/v1/settings/organisation/logo), or null',
  }),
  primary_color: colour('links and buttons'),
  accent_color: colour('warnings and marks'),
});
const OrganisationInput = Type.Object({
  name: Organisation.properties.name,
  logo_url: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { description: 'Read-only: may be sent back as it was read; any other value is refused' })),
  primary_color: Organisation.properties.primary_color,
  accent_color: Organisation.properties.accent_color,
});
const orDefault = (schema: ReturnType<typeof Type.Integer> | ReturnType<typeof Type.Number>, description: string) => Type.Union([schema, Type.Null()], { description: `${description}; null: the default` });
const connections = Type.Integer({ minimum: 1, maximum: 100 });
// at least one message in about 17 minutes; a slower pace is an hourly limit's to set
const perSecond = Type.Number({ minimum: 0.001, maximum: 100_000 });
const perHour = Type.Integer({ minimum: 1, maximum: 100_000_000 });
const SenderLimits = Type.Object({
  sender: Type.String({ maxLength: 320, description: 'The sender\'s address (one of the identities, or the default sender)' }),
  connections: orDefault(connections, 'SMTP connections its mail goes over'),
  per_second: orDefault(perSecond, 'Messages a second at most'),
  per_hour: orDefault(perHour, 'Messages an hour at most'),
});
const Senders = Type.Object({
  default_from: Type.String({ description: 'MAIL_FROM' }),
  smtp: Type.Union([Type.String(), Type.Null()], { description: 'The relay (scheme, host and port); null when SMTP_URL is unset' }),
  items: Type.Array(Type.String()),
  defaults: Type.Object({
    connections: Type.Integer({ description: 'SMTP_CONNECTIONS' }),
    per_second: Type.Number({ description: 'SEND_PER_SECOND; 0: no limit' }),
    per_hour: Type.Integer({ description: 'SEND_PER_HOUR; 0: no limit' }),
  }, { description: 'The limits of a sender without its own' }),
  limits: Type.Array(SenderLimits, { description: 'The senders with limits of their own at the relay' }),
});
const SendersInput = Type.Object({
  items: Type.Array(Type.String({ maxLength: 320 }), { maxItems: 50 }),
  // a limit left out (or null) is the default; not null in the schema, where validation would read a 0 as
  // null, and a 0 must be refused
  limits: Type.Optional(Type.Array(Type.Object({
    sender: SenderLimits.properties.sender,
    connections: Type.Optional(Type.Integer({ ...connections, description: 'SMTP connections its mail goes over; left out: the default' })),
    per_second: Type.Optional(Type.Number({ ...perSecond, description: 'Messages a second at most; left out: the default' })),
    per_hour: Type.Optional(Type.Integer({ ...perHour, description: 'Messages an hour at most; left out: the default' })),
  }), { maxItems: 51, description: 'Each sender\'s own limits, replacing all those before; left out: each sender still listed keeps its own' })),
});
const SmtpTestInput = Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) });
const SmtpTestResult = Type.Object({ response: Type.String({ description: 'The relay\'s answer' }) });

export function registerOrganisationRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/settings/organisation', {
    config: { role: 'viewer' }, schema: { tags, summary: 'The organisation\'s name, logo and colours', response: { 200: Organisation } },
  }, async () => getOrganisation(deps));

  app.put('/api/v1/settings/organisation', {
    config: owner, schema: { tags, summary: 'Change the organisation\'s name and colours', body: OrganisationInput, response: { 200: Organisation } },
  }, async (req) => setOrganisation(deps, req.body));

  // the logo's bytes are the body, its type read from them; the parser is this scope's own, so no other
  // route takes images
  void app.register(async (scope) => {
    scope.addContentTypeParser([...IMAGE_TYPES, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_LOGO_BYTES }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<TypeBoxTypeProvider>().put('/api/v1/settings/organisation/logo', {
      config: owner, bodyLimit: MAX_LOGO_BYTES,
      schema: {
        tags, summary: 'Upload the organisation\'s logo (PNG, JPEG, GIF or WebP, up to 512 KB; the bytes are the body), served at /brand/logo',
        consumes: [...IMAGE_TYPES, 'application/octet-stream'], response: { 200: Organisation },
      },
    }, async (req) => setOrganisationLogo(deps, req.body as Buffer));
    scope.withTypeProvider<TypeBoxTypeProvider>().delete('/api/v1/settings/organisation/logo', {
      config: owner, schema: { tags, summary: 'Remove the organisation\'s logo', response: { 200: Organisation } },
    }, async () => removeOrganisationLogo(deps));
  });

  app.get('/api/v1/settings/senders', {
    config: { role: 'campaigner' }, schema: { tags, summary: 'The sender identities messages may use, the default sender, the relay and each sender\'s limits there', response: { 200: Senders } },
  }, async () => getSenders(deps));

  app.put('/api/v1/settings/senders', {
    // a limit sent back as GET gave it (null: the default) is a limit left out; validation would read null as 0
    preValidation: async (req) => dropNullLimits(req.body),
    config: owner, schema: { tags, summary: 'Replace the sender identities, and their limits at the relay', body: SendersInput, response: { 200: Senders } },
  }, async (req) => setSenders(deps, req.body.items, req.body.limits));

  app.post('/api/v1/settings/smtp/test', {
    config: owner, schema: { tags, summary: 'Send a test mail through the relay; answers with the relay\'s reply', body: SmtpTestInput, response: { 200: SmtpTestResult } },
  }, async (req) => sendSmtpTest(deps, req.body.email));
}

function dropNullLimits(body: unknown): void {
  const limits = (body as { limits?: unknown } | null)?.limits;
  if (!Array.isArray(limits)) return;
  for (const row of limits) {
    if (row === null || typeof row !== 'object') continue;
    for (const key of ['connections', 'per_second', 'per_hour']) if ((row as Record<string, unknown>)[key] === null) delete (row as Record<string, unknown>)[key];
  }
}
