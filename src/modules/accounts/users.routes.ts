// /api/v1/users, /api/v1/tokens and /api/v1/audit: the owner's side of accounts. One service call each;
// the services write their own audit entries.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { createApiTokenBy, listApiTokens, revokeApiToken } from './api-tokens.service.ts';
import { listAuditEntries } from './audit-log.service.ts';
import { actorOf } from './principal.ts';
import { AuditList, AuditQuery, IdParams, Invitation, TokenCreated, TokenInput, TokenList, UserInput, UserList, UserPatch, UserView } from './users.schema.ts';
import { changeUser, inviteUser, listUsers, reinviteUser, removeUser } from './users.service.ts';

const owner = { role: 'owner', audit: false } as const;
// these may take someone's access away: open requests are looked at again after them
const ownerRevoking = { ...owner, revokesAccess: true } as const;

export function registerUserRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get('/api/v1/users', {
    config: owner, schema: { tags, summary: 'Organisers with their roles', response: { 200: UserList } },
  }, async () => listUsers(deps));

  app.post('/api/v1/users', {
    config: owner, schema: { tags, summary: 'Invite an organiser: returns a one-time link to hand over', body: UserInput, response: { 201: Invitation } },
  }, async (req, reply) => reply.code(201).send(await inviteUser(deps, actorOf(req.principal), req.body, req.ip)));

  app.post('/api/v1/users/:id/invite', {
    config: owner, schema: { tags, summary: 'A new one-time link for a user (an expired invitation, a forgotten password)', params: IdParams, response: { 200: Invitation } },
  }, async (req) => reinviteUser(deps, actorOf(req.principal), req.params.id, req.ip));

  app.patch('/api/v1/users/:id', {
    config: ownerRevoking, schema: { tags, summary: 'Change a user\'s name or role (not the last owner\'s)', params: IdParams, body: UserPatch, response: { 200: UserView } },
  }, async (req) => changeUser(deps, actorOf(req.principal), req.params.id, req.body, req.ip));

  app.delete('/api/v1/users/:id', {
    config: ownerRevoking, schema: { tags, summary: 'Remove a user (not the last owner)', params: IdParams },
  }, async (req, reply) => reply.code(204).send(await removeUser(deps, actorOf(req.principal), req.params.id, req.ip)));

  app.get('/api/v1/tokens', {
    config: owner, schema: { tags: ['tokens'], summary: 'API tokens (never the tokens themselves)', response: { 200: TokenList } },
  }, async () => ({ items: await listApiTokens(deps) }));

  app.post('/api/v1/tokens', {
    config: owner, schema: { tags: ['tokens'], summary: 'Create an API token with a role (default owner)', body: TokenInput, response: { 201: TokenCreated } },
  }, async (req, reply) => reply.code(201).send(await createApiTokenBy(deps, actorOf(req.principal), req.body, req.ip)));

  app.delete('/api/v1/tokens/:id', {
    config: ownerRevoking, schema: { tags: ['tokens'], summary: 'Revoke an API token', params: IdParams },
  }, async (req, reply) => reply.code(204).send(await revokeApiToken(deps, actorOf(req.principal), req.params.id, req.ip)));

  app.get('/api/v1/audit', {
    config: { role: 'owner' }, schema: { tags: ['audit'], summary: 'Who did what, newest first', querystring: AuditQuery, response: { 200: AuditList } },
  }, async (req) => listAuditEntries(deps, req.query));
}
