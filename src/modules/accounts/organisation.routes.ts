// /api/v1/settings/organisation, /api/v1/settings/senders and /api/v1/settings/smtp/test: the owner's
// settings of how the organisation appears and sends. One service call each.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { getOrganisation, getSenders, sendSmtpTest, setOrganisation, setSenders } from './organisation.service.ts';

const tags = ['settings'];
const owner = { role: 'owner' } as const;

const Organisation = Type.Object({
  name: Type.String({ maxLength: 200 }),
  logo_url: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { description: 'An https:// image address' }),
  primary_color: Type.String({ maxLength: 7, description: '#rrggbb' }),
  accent_color: Type.String({ maxLength: 7, description: '#rrggbb' }),
});
const Senders = Type.Object({
  default_from: Type.String({ description: 'MAIL_FROM' }),
  smtp: Type.Union([Type.String(), Type.Null()], { description: 'The relay (scheme, host and port); null when SMTP_URL is unset' }),
  items: Type.Array(Type.String()),
});
const SendersInput = Type.Object({ items: Type.Array(Type.String({ maxLength: 320 }), { maxItems: 50 }) });
const SmtpTestInput = Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) });
const SmtpTestResult = Type.Object({ response: Type.String({ description: 'The relay\'s answer' }) });

export function registerOrganisationRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/settings/organisation', {
    config: { role: 'viewer' }, schema: { tags, summary: 'The organisation\'s name, logo and colours', response: { 200: Organisation } },
  }, async () => getOrganisation(deps));

  app.put('/api/v1/settings/organisation', {
    config: owner, schema: { tags, summary: 'Change the organisation\'s name, logo and colours', body: Organisation, response: { 200: Organisation } },
  }, async (req) => setOrganisation(deps, req.body));

  app.get('/api/v1/settings/senders', {
    config: { role: 'campaigner' }, schema: { tags, summary: 'The sender identities messages may use, the default sender and the relay', response: { 200: Senders } },
  }, async () => getSenders(deps));

  app.put('/api/v1/settings/senders', {
    config: owner, schema: { tags, summary: 'Replace the sender identities', body: SendersInput, response: { 200: Senders } },
  }, async (req) => setSenders(deps, req.body.items));

  app.post('/api/v1/settings/smtp/test', {
    config: owner, schema: { tags, summary: 'Send a test mail through the relay; answers with the relay\'s reply', body: SmtpTestInput, response: { 200: SmtpTestResult } },
  }, async (req) => sendSmtpTest(deps, req.body.email));
}
