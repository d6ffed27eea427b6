// /api/v1/storms: create, read, list and edit storms. One service call each.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { StormCreated, StormId, StormInput, StormList, StormListQuery, StormPatch, StormView } from './storms.schema.ts';
import { createStorm, getStorm, listStorms, updateStorm } from './storms.service.ts';

const tags = ['storms'];

export function registerStormApiRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/storms', {
    schema: { tags, summary: 'Create a storm with its messages', body: StormInput, response: { 201: StormCreated } },
  }, async (req, reply) => reply.code(201).send(await createStorm(deps, req.body)));

  app.get('/api/v1/storms', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Storms, newest first', querystring: StormListQuery, response: { 200: StormList } },
  }, async (req) => ({ items: await listStorms(deps, req.query) }));

  app.get('/api/v1/storms/:id', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'A storm with its message variants', params: StormId, response: { 200: StormView } },
  }, async (req) => getStorm(deps, req.params.id));

  app.patch('/api/v1/storms/:id', {
    schema: { tags, summary: 'Change a storm; `messages` replaces its variants', params: StormId, body: StormPatch, response: { 200: StormView } },
  }, async (req) => updateStorm(deps, req.params.id, req.body));
}
