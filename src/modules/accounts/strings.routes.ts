// /api/v1/settings/strings/{lang}: the public pages' and emails' fixed words, and the organisation's own
// wording of them. One service call each.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { getPublicStrings, replaceStringOverrides } from './string-overrides.service.ts';
import { PublicStringsView, StringOverrides, StringsLanguage } from './strings.schema.ts';

const tags = ['settings'];

export function registerSettingsRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/settings/strings/:lang', {
    config: { role: 'owner' },
    schema: { tags, summary: 'The public strings of a language: defaults and overrides', params: StringsLanguage, response: { 200: PublicStringsView } },
  }, async (req) => getPublicStrings(deps, req.params.lang));

  app.put('/api/v1/settings/strings/:lang', {
    config: { role: 'owner' },
    schema: { tags, summary: 'Word public strings your own way (replaces the language\'s overrides)', params: StringsLanguage, body: StringOverrides, response: { 200: PublicStringsView } },
  }, async (req) => replaceStringOverrides(deps, req.params.lang, req.body));
}
