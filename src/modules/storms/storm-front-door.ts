// The front door's route (http/front-door.ts) for a storm's burst: GET or HEAD /s/:slug and the form's POST
// /s/:slug/post, answered by the very functions Fastify's routes call (action-page.routes.ts). Only what
// Fastify would route there for sure is taken: a slug of the shape storms are given, a form body of a
// stated length. Anything else goes on to Fastify, untouched, and is answered there.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { rawPageRequest, writeAnswer, type Answer } from '../../http/answer.ts';
import type { FrontDoorRoute } from '../../http/front-door.ts';
import { SECURITY_HEADERS } from '../../http/security-headers.ts';
import { parseFormFields } from '../../lib/form-fields.ts';
import type { ActionPageAnswer } from './action-page.answer.ts';
import type { PostFormAnswer } from './post-form.answer.ts';

/** A storm's slug (storms.schema.ts); no percent-escapes, so the path is the slug Fastify would decode. */
const SLUG = /^[a-z0-9-]{1,100}$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** A share form is a few kilobytes at most; a larger body is left to Fastify's limits. */
const MAX_FORM_BYTES = 64 * 1024;

export function stormFrontDoor(log: FastifyBaseLogger, page: ActionPageAnswer, post: PostFormAnswer): FrontDoorRoute {
  const fail = (res: ServerResponse, err: unknown) => {
    // the answers catch what they can render; this is what they could not, or what could not be written
    log.error({ err }, 'request failed');
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { ...SECURITY_HEADERS, 'content-length': 0 }).end();
  };
  // one promise per answer, not one for the answer and one more for its failure
  const write = (res: ServerResponse, answer: Promise<Answer>) => void answer.then((a) => {
    try {
      writeAnswer(res, a);
    } catch (err) {
      fail(res, err);
    }
  }, (err: unknown) => fail(res, err));

  return (req, res) => {
    const url = req.url!;
    if (!url.startsWith('/s/')) return false;
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const { method } = req;
    if (method === 'GET' || method === 'HEAD') {
      const slug = path.slice(3);
      if (!SLUG.test(slug)) return false;
      write(res, page(rawPageRequest(req, url, queryAt), slug));
      return true;
    }
    if (method !== 'POST' || !path.endsWith('/post')) return false;
    const slug = path.slice(3, -5);
    const length = formLength(req);
    if (length === undefined || !SLUG.test(slug)) return false;
    readBody(req, length, (body) => write(res, post(rawPageRequest(req, url, queryAt), slug, parseFormFields(body))));
    return true;
  };
}

/** The stated length of a form body this door reads, or undefined for any other body. */
function formLength(req: IncomingMessage): number | undefined {
  const type = req.headers['content-type'];
  if (type !== FORM_TYPE && !type?.startsWith(`${FORM_TYPE};`)) return undefined;
  const stated = req.headers['content-length'];
  if (stated === undefined || req.headers['transfer-encoding'] !== undefined || !/^\d{1,5}$/.test(stated)) return undefined;
  const length = Number(stated);
  return length <= MAX_FORM_BYTES ? length : undefined;
}

/** The body as text (node:http has framed it by its Content-Length); nothing is answered if the client goes. */
function readBody(req: IncomingMessage, length: number, then: (body: string) => void): void {
  if (length === 0) {
    req.resume();
    req.once('end', () => then(''));
    return;
  }
  let first: Buffer | undefined;
  let rest: Buffer[] | undefined;
  req.on('data', (chunk: Buffer) => {
    if (first === undefined) first = chunk;
    else (rest ??= [first]).push(chunk);
  });
  req.once('end', () => then(rest ? Buffer.concat(rest).toString() : first?.toString() ?? ''));
}
