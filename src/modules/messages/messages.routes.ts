// /api/v1/messages: compose, read, send and control, test copies and previews. One service call each.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { removeAbTest, setAbTest } from './ab-test.service.ts';
import { createMessage } from './compose.service.ts';
import {
  AbTestInput, AbTestView, MessageCreated, MessageId, MessageInput, MessageList, MessageListQuery, MessageView, Preview, PreviewQuery,
  SendInput, SendState, TestInput, TestResult,
} from './messages.schema.ts';
import { getMessage, listMessages } from './messages.service.ts';
import { cancelSend, pauseSend, resumeSend, startSend } from './send-control.service.ts';
import { previewMessage, sendTestCopy } from './test-copy.service.ts';

const tags = ['messages'];

export function registerMessageApiRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/messages', {
    schema: { tags, summary: 'Compose a message (a draft)', body: MessageInput, response: { 201: MessageCreated } },
  }, async (req, reply) => reply.code(201).send(await createMessage(deps, req.body)));

  app.get('/api/v1/messages', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Messages, newest first', querystring: MessageListQuery, response: { 200: MessageList } },
  }, async (req) => ({ items: await listMessages(deps, req.query) }));

  app.get('/api/v1/messages/:id', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'A message with its statistics', params: MessageId, response: { 200: MessageView } },
  }, async (req) => getMessage(deps, req.params.id));

  app.post('/api/v1/messages/:id/send', {
    schema: {
      tags, summary: 'Send now, or schedule with `at` (an instant, or a local time in `timezone`)', params: MessageId, body: SendInput, response: { 202: SendState },
    },
    // the body is optional: a bare POST sends now
    preValidation: async (req) => { req.body ??= {}; },
  }, async (req, reply) => reply.code(202).send(await startSend(deps, req.params.id, req.body)));

  app.put('/api/v1/messages/:id/ab-test', {
    schema: { tags, summary: 'Set the A/B subject test (before the send starts)', params: MessageId, body: AbTestInput, response: { 200: AbTestView } },
  }, async (req) => setAbTest(deps, req.params.id, req.body));

  app.delete('/api/v1/messages/:id/ab-test', {
    schema: { tags, summary: 'Remove the A/B subject test (before the send starts)', params: MessageId },
  }, async (req, reply) => reply.code(204).send(await removeAbTest(deps, req.params.id)));

  const control = [
    ['pause', 'Pause a send after the batch in flight', pauseSend],
    ['resume', 'Resume a paused send', resumeSend],
    ['cancel', 'Cancel: nobody not yet mailed will be', cancelSend],
  ] as const;
  for (const [verb, summary, action] of control) {
    app.post(`/api/v1/messages/:id/${verb}`, {
      schema: { tags, summary, params: MessageId, response: { 200: SendState } },
    }, async (req) => action(deps, req.params.id));
  }

  app.post('/api/v1/messages/:id/test', {
    schema: { tags, summary: 'Send one test copy; returns the relay\'s answer', params: MessageId, body: TestInput, response: { 200: TestResult } },
  }, async (req) => sendTestCopy(deps, req.params.id, req.body.email));

  app.get('/api/v1/messages/:id/preview', {
    schema: { tags, summary: 'The message as one person would get it', params: MessageId, querystring: PreviewQuery, response: { 200: Preview } },
  }, async (req) => previewMessage(deps, req.params.id, req.query.email, req.query.language));
}
