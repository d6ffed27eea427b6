// /api/v1/imports: CSV imports that run in the background, their progress and their rejected rows.
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { failInterruptedImports, stopImports } from './import-runs.ts';
import { CsvFile } from './people-bulk.schema.ts';
import { ImportBody, ImportQuery } from './people.schema.ts';
import { Import, ImportId, ImportList, ImportStarted } from './imports.schema.ts';
import { getImport, listImports, rejectedRowsCsv, startImport } from './imports.service.ts';

const tags = ['people'];

export function registerImportRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/imports', {
    schema: {
      tags, summary: 'Start importing a CSV file (body text/csv) in the background; follow it at /api/v1/imports/{id}',
      querystring: ImportQuery, body: ImportBody, response: { 202: ImportStarted },
    },
  }, async (req, reply) => {
    // app.ts hands text/csv bodies over unread; any other type has been parsed already
    if (!(req.body instanceof Readable)) throw new Problem(415, 'unsupported-media-type', 'Send the file as text/csv');
    try {
      return reply.code(202).send(await startImport(deps, req.body, req.query.tag ?? []));
    } catch (err) {
      // refused before the end of the upload: close the connection rather than keep it alive behind the unread rest
      if (!req.raw.complete) reply.header('connection', 'close');
      throw err;
    }
  });

  app.get('/api/v1/imports', {
    schema: { tags, summary: 'The latest imports, newest first', response: { 200: ImportList } },
  }, async () => listImports(deps));

  app.get('/api/v1/imports/:id', {
    schema: { tags, summary: 'An import\'s progress and outcome', params: ImportId, response: { 200: Import } },
  }, async (req) => getImport(deps, req.params.id));

  app.get('/api/v1/imports/:id/rejected.csv', {
    schema: { tags, summary: 'The rows an import refused: row (as a spreadsheet numbers it), field, reason', params: ImportId, response: { 200: CsvFile } },
  }, async (req, reply) => {
    const file = await rejectedRowsCsv(deps, req.params.id);
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-${req.params.id}-rejected.csv"`).header('cache-control', 'no-store');
    return reply.send(Readable.from(file));
  });

  // an import left running by a process that died is recorded as interrupted; this process's own are
  // stopped (and recorded so) when it shuts down, before the database closes
  app.addHook('onReady', async () => { await failInterruptedImports(deps); });
  app.addHook('onClose', async () => stopImports(deps));
}
