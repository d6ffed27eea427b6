// One handler renders every error: problem+json for the API, a friendly page for browsers, in the
// visitor's language (the problem's own message is English, for developers).
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMessageKey, REFERENCE_LANGUAGE, type MessageKey, type Translator } from '../i18n/index.ts';
import { html } from '../lib/html.ts';
import { pageRequestOf, sendAnswer, type Answer, type PageRequest } from './answer.ts';
import { renderPage } from './layout.ts';
import { catalogueTranslators, LANGUAGE_COOKIE, pageLanguageOf, type TranslatorSource } from './page-language.ts';
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

function wantsHtml(req: PageRequest): boolean {
  if (req.url.startsWith('/api/')) return false;
  return (req.accept ?? '').includes('text/html');
}

/**
 * The words for a problem: the catalogue's for its type where there are some; else, on an English page, the
 * problem's own (written in English, and more telling than a generic line); else the catalogue's by status.
 */
function problemWords(problem: Problem, t: Translator): { title: string; text: string | undefined } {
  const own = `error.${problem.type}.title`;
  if (!isMessageKey(own) && t.lang === REFERENCE_LANGUAGE && problem.status < 500) return { title: problem.message, text: problem.detail };
  const kind = isMessageKey(own) ? problem.type
    : problem.status === 404 ? 'not-found' : problem.status >= 500 ? 'internal' : 'bad-request';
  return { title: t.text(`error.${kind}.title` as MessageKey), text: t.text(`error.${kind}.text` as MessageKey) };
}

export async function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: Problem, translators: TranslatorSource = catalogueTranslators) {
  return sendAnswer(reply, await problemAnswer(problem, pageRequestOf(req), translators));
}

/** The problem as a browser or an API client is shown it: a page in the visitor's language, or problem+json. */
export async function problemAnswer(problem: Problem, req: PageRequest, translators: TranslatorSource = catalogueTranslators): Promise<Answer> {
  if (wantsHtml(req)) {
    const t = await translators(pageLanguageOf(req.query.lang, req.cookies[LANGUAGE_COOKIE], req.acceptLanguage).lang);
    const { title, text } = problemWords(problem, t);
    return {
      status: problem.status,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: renderPage({ title, lang: t.lang, body: html`<h1>${title}</h1>${text ? html`\n<p>${text}</p>` : ''}` }),
    };
  }
  return { status: problem.status, headers: { 'content-type': 'application/problem+json; charset=utf-8' }, body: JSON.stringify(problem.toJSON()) };
}

/** What the handler below sends for `err`, for an answer made without Fastify (http/answer.ts). */
export function errorAnswer(err: unknown, req: PageRequest, log: FastifyBaseLogger, translators: TranslatorSource = catalogueTranslators): Promise<Answer> {
  const problem = toProblem(err instanceof Error ? err : new Error(String(err)));
  if (problem.status >= 500) log.error({ err }, 'request failed');
  return problemAnswer(problem, req, translators);
}

export function registerErrorHandler(app: FastifyInstance, translators: TranslatorSource = catalogueTranslators): void {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const problem = toProblem(err);
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    return sendProblem(req, reply, problem, translators);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new Problem(404, 'not-found', 'Page not found'), translators));
}
