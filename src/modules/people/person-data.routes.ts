// /api/v1/people/:id/…: a person's timeline, their data export and their erasure (GDPR).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { erasePerson } from './erase-person.service.ts';
import { PersonId } from './people.schema.ts';
import { personHistory } from './person-history.service.ts';
import { exportPersonData } from './person-data-export.service.ts';
import { ErasureReport, History, HistoryQuery, PersonDataExport } from './person-data.schema.ts';

const tags = ['people'];

export function registerPersonDataRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/people/:id/history', {
    schema: {
      tags, summary: 'A person\'s timeline, newest first: status changes, messages received with their delivery, clicks, posts started, bounces, reminder requests',
      params: PersonId, querystring: HistoryQuery, response: { 200: History },
    },
  }, async (req) => personHistory(deps, req.params.id, req.query));

  app.get('/api/v1/people/:id/export', {
    schema: {
      tags, summary: 'Everything stored about a person, as one JSON document (their right of access and to portability)',
      params: PersonId, response: { 200: PersonDataExport },
    },
  }, async (req, reply) => {
    const data = await exportPersonData(deps, req.params.id);
    reply.header('content-disposition', `attachment; filename="person-${req.params.id}.json"`).header('cache-control', 'no-store');
    return data;
  });

  app.delete('/api/v1/people/:id', {
    schema: {
      tags, summary: 'Erase a person on request: every row that identifies them, in every module; their address is kept only as a keyed hash so an import does not add it again',
      params: PersonId, response: { 200: ErasureReport },
    },
  }, async (req) => erasePerson(deps, req.params.id));
}
