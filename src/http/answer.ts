// An answer as data (status, headers, body), for the public pages a storm's burst hits: the same answer is
// written by Fastify's reply for a request that went through its routing (and app.inject), and straight
// onto node:http's response for one the front door took (http/front-door.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseFormFields } from '../lib/form-fields.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export interface Answer {
  status: number;
  /** Lower-case names; every header the answer needs but the security headers, which both writers add. */
  headers: Record<string, string | string[]>;
  /** None for a redirect. */
  body?: Buffer | string | undefined;
}

/** What the public pages read of a request, however it came in. */
export interface PageRequest {
  method: string;
  /** The path and query, as requested. */
  url: string;
  query: Readonly<Record<string, unknown>>;
  cookies: Readonly<Record<string, string | undefined>>;
  accept: string | undefined;
  acceptLanguage: string | undefined;
}

export function pageRequestOf(req: FastifyRequest): PageRequest {
  return {
    method: req.method,
    url: req.url,
    query: (req.query ?? {}) as Record<string, unknown>,
    // null when the request failed before the cookie plugin's hook ran
    cookies: req.cookies ?? {},
    accept: req.headers.accept,
    acceptLanguage: req.headers['accept-language'],
  };
}

/** The same, read from node:http's request as Fastify reads it (fast-querystring's reading, the cookie plugin's). */
export function rawPageRequest(req: IncomingMessage, url: string, queryAt: number): PageRequest {
  const { cookie } = req.headers;
  return {
    method: req.method!,
    url,
    query: queryAt === -1 ? {} : parseFormFields(url.slice(queryAt + 1)),
    cookies: cookie ? fastifyCookie.parse(cookie) : {},
    accept: req.headers.accept,
    acceptLanguage: req.headers['accept-language'],
  };
}

export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

const SECURITY_HEADER_NAMES = Object.keys(SECURITY_HEADERS);

/** As Fastify would write it (its onSend hooks included): a HEAD gets the headers and the length, no body. */
export function writeAnswer(res: ServerResponse, answer: Answer): void {
  const { body } = answer;
  // as a flat list, which node:http writes as it is, where an object's headers are each set one by one first
  const headers: (string | string[] | number)[] = [];
  for (const name of SECURITY_HEADER_NAMES) if (!(name in answer.headers)) headers.push(name, SECURITY_HEADERS[name]!);
  for (const name in answer.headers) headers.push(name, answer.headers[name]!);
  headers.push('content-length', body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  res.writeHead(answer.status, headers as string[]);
  res.end(body);
}
