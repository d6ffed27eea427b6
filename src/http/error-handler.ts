// One handler renders every error: problem+json for the API, a friendly page for browsers.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../lib/html.ts';
import { renderPage } from './layout.ts';
import { Problem } from './problem.ts';

function toProblem(err: FastifyError | Error): Problem {
  if (err instanceof Problem) return err;
  const fe = err as FastifyError;
  if (fe.validation) {
    const params = fe.validation.map((v) => ({
      name: (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
        String((v.params as Record<string, unknown>)?.missingProperty ?? fe.validationContext ?? 'request'),
      reason: v.message ?? 'is invalid',
    }));
    return new Problem(400, 'bad-request', `The ${fe.validationContext ?? 'request'} is invalid`,
      params.map((p) => `${p.name}: ${p.reason}`).join('; '), params);
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new Problem(fe.statusCode, fe.code?.toLowerCase().replace(/_/g, '-') ?? 'bad-request', fe.message);
  }
  return new Problem(500, 'internal', 'Something went wrong on our side');
}

function wantsHtml(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/')) return false;
  return (req.headers.accept ?? '').includes('text/html');
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: Problem) {
  if (wantsHtml(req)) {
    return reply.code(problem.status).type('text/html; charset=utf-8').send(renderPage({
      title: problem.message,
      body: html`<h1>${problem.message}</h1>${problem.detail ? html`<p>${problem.detail}</p>` : ''}`,
    }));
  }
  return reply.code(problem.status).type('application/problem+json').send(problem.toJSON());
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const problem = toProblem(err);
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    return sendProblem(req, reply, problem);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new Problem(404, 'not-found', 'Page not found')));
}
