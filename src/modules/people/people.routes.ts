// /api/v1/people: import a CSV, list and read people, change a person's subscription. One service call each.
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { importPeople } from './import.service.ts';
import { registerImportRoutes } from './imports.routes.ts';
import { registerPeopleBulkRoutes } from './people-bulk.routes.ts';
import { ImportBody, ImportQuery, ImportResult, PeoplePage, PeopleQuery, Person, PersonId, SubscriptionInput } from './people.schema.ts';
import { searchPeople, type SearchInput } from './people-search.service.ts';
import { getPerson, setSubscription } from './people.service.ts';
import { registerPersonDataRoutes } from './person-data.routes.ts';

const tags = ['people'];

export function registerPeopleRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/people/import', {
    schema: {
      tags, summary: 'Import people from a CSV file (body text/csv); existing people are matched by email and updated',
      querystring: ImportQuery, body: ImportBody, response: { 200: ImportResult },
    },
  }, async (req, reply) => {
    // app.ts hands text/csv bodies over unread; any other type has been parsed already
    if (!(req.body instanceof Readable)) throw new Problem(415, 'unsupported-media-type', 'Send the file as text/csv');
    try {
      return await importPeople(deps, req.body, { tags: req.query.tag ?? [] });
    } catch (err) {
      // refused before the end of the upload (no email column…): as Fastify does for a body it cannot
      // parse, close the connection after the reply rather than keep it alive behind the unread rest
      if (!req.raw.complete) reply.header('connection', 'close');
      throw err;
    }
  });

  app.get('/api/v1/people', {
    schema: {
      tags, summary: 'The supporter list: filtered (field.NAME=VALUE for a custom field), newest first, with the filtered total',
      querystring: PeopleQuery, response: { 200: PeoplePage },
    },
  }, async (req) => searchPeople(deps, req.query as SearchInput));

  app.get('/api/v1/people/:id', {
    schema: { tags, summary: 'A person', params: PersonId, response: { 200: Person } },
  }, async (req) => getPerson(deps, req.params.id));

  app.put('/api/v1/people/:id/subscription', {
    schema: { tags, summary: 'Change a person\'s subscription status (kept in their history)', params: PersonId, body: SubscriptionInput, response: { 200: Person } },
  }, async (req) => setSubscription(deps, req.params.id, req.body));

  registerPersonDataRoutes(root, deps);
  registerPeopleBulkRoutes(root, deps);
  registerImportRoutes(root, deps);
}
