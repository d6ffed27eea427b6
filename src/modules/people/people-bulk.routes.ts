// /api/v1/people/tags and /api/v1/people/export.csv: tagging and exporting many people at once.
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { tagPeople } from './bulk-tags.service.ts';
import { BulkTagBody, BulkTagResult, CsvFile, ExportQuery } from './people-bulk.schema.ts';
import { exportPeopleCsv } from './people-csv.service.ts';
import type { FilterInput } from './people-filter.ts';

const tags = ['people'];

export function registerPeopleBulkRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/people/tags', {
    schema: {
      tags, summary: 'Tag and untag many people: by id, or everyone the list\'s filters select (in batches, any number)',
      body: BulkTagBody, response: { 200: BulkTagResult },
    },
  }, async (req) => tagPeople(deps, req.body as Parameters<typeof tagPeople>[1]));

  app.get('/api/v1/people/export.csv', {
    schema: {
      tags, summary: 'The filtered supporter list as a CSV file, custom fields as columns (streamed)',
      querystring: ExportQuery, response: { 200: CsvFile },
    },
  }, async (req, reply) => {
    const file = await exportPeopleCsv(deps, req.query as FilterInput);
    const day = deps.clock.now().toISOString().slice(0, 10);
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="people-${day}.csv"`).header('cache-control', 'no-store');
    return reply.send(Readable.from(file));
  });
}
