// The front door (src/http/front-door.ts) answers a storm's page and form before Fastify's routing. It must
// answer exactly as the Fastify routes do (which app.inject reaches), and leave to them whatever it cannot
// be sure of, having read nothing of it.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { actionPageAnswer } from '../../src/modules/storms/action-page.answer.ts';
import { postFormAnswer } from '../../src/modules/storms/post-form.answer.ts';
import { stormFrontDoor } from '../../src/modules/storms/storm-front-door.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-02-20T12:30:00Z');
const VISITOR = randomToken();
const FORM = { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: `oc_v=${VISITOR}` };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

interface Seen { status: number; headers: Record<string, string>; body: string }

/** Headers the connection adds (not the answer), left out of the comparison. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

async function overPort(ctx: TestContext, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Seen> {
  const res = await fetch(`${ctx.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const seen: Record<string, string> = {};
  res.headers.forEach((value, name) => { if (!CONNECTION_HEADERS.has(name)) seen[name] = value; });
  return { status: res.status, headers: seen, body: await res.text() };
}

async function throughFastify(ctx: TestContext, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Seen> {
  const res = await ctx.runtime.app.inject({ method: method as 'GET', url: path, headers, payload: body });
  const seen: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (!CONNECTION_HEADERS.has(name) && value !== undefined) seen[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { status: res.statusCode, headers: seen, body: res.body };
}

async function createStorms(ctx: TestContext) {
  for (const [slug, starts_at, ends_at] of [['live', '2030-02-20T12:00:00Z', '2030-02-20T14:00:00Z'], ['later', '2030-02-20T13:00:00Z', '2030-02-20T14:00:00Z']]) {
    const res = await ctx.api('POST', '/api/v1/storms', {
      title: 'The genocide is not over', slug, starts_at, ends_at, hashtags: ['GenocideGames'], article_url: 'https://example.org/a',
      targets: [{ name: 'IOC Media', handles: { x: '@iocmedia' } }], messages: ['Dear {target}, one', 'Two', 'Three'].map((text) => ({ text })),
    });
    expect(res.status).toBe(201);
  }
}

describeEachDatabase('the storm\'s front door', (ctx) => {
  beforeAll(async () => {
    await createStorms(ctx());
    // the visitor's message is chosen on their first visit; after it both ways show the same page
    expect((await overPort(ctx(), 'GET', '/s/live', { accept: 'text/html', cookie: `oc_v=${VISITOR}` })).status).toBe(200);
  });

  it('answers the page and the form as the Fastify routes do', async () => {
    const requests: [string, string, Record<string, string>, string?][] = [
      ['GET', '/s/live', { accept: 'text/html', cookie: `oc_v=${VISITOR}; oc_mastodon=mastodon.social` }],
      ['GET', '/s/live?lang=tr&variant=2', { accept: 'text/html', cookie: `oc_v=${VISITOR}` }],
      ['HEAD', '/s/live', { accept: 'text/html', cookie: `oc_v=${VISITOR}` }],
      ['GET', '/s/later', { accept: 'text/html', cookie: `oc_v=${VISITOR}`, 'accept-language': 'ug' }],
      ['GET', '/s/live?variant=1&variant=2', { accept: 'application/json', cookie: `oc_v=${VISITOR}` }],
      ['GET', `/s/live?lang=${'a'.repeat(36)}`, { accept: 'text/html' }],
      ['GET', '/s/no-such-storm', { accept: 'text/html', cookie: `oc_v=${VISITOR}` }],
      ['POST', '/s/live/post', FORM, form({ network: 'x', text: 'Dear @iocmedia, one', variant: '1', target: '1', language: 'en' })],
      ['POST', '/s/live/post', FORM, form({ network: 'mastodon', text: 'Two', mastodon_instance: 'https://Mastodon.Social/' })],
      ['POST', '/s/live/post?lang=ug', FORM, form({ network: 'mastodon', text: 'Two' })],
      ['POST', '/s/live/post', { ...FORM, accept: 'application/json' }, form({ network: 'nowhere', text: 'Two' })],
      ['POST', '/s/live/post', { ...FORM, accept: 'application/json' }, form({ text: 'Two' })],
      ['POST', '/s/live/post', { ...FORM, accept: 'application/json' }, form({ network: 'x', text: 'Two', language: 'x'.repeat(36) })],
      ['POST', '/s/live/post', { ...FORM, accept: 'application/json' }, 'network=x&network=x&text=Two'],
      ['POST', '/s/live/post', FORM, ''],
      ['POST', '/s/later/post', FORM, form({ network: 'x', text: 'Two', r: randomToken() })],
      ['POST', '/s/no-such-storm/post', FORM, form({ network: 'x', text: 'Two' })],
    ];
    for (const [method, path, headers, body] of requests) {
      const fastify = await throughFastify(ctx(), method, path, headers, body);
      expect(await overPort(ctx(), method, path, headers, body), `${method} ${path} ${body ?? ''}`).toEqual(fastify);
    }
  });

  it('leaves to Fastify, unread, whatever it cannot be sure of', async () => {
    const { runtime } = ctx();
    const door = stormFrontDoor(runtime.deps.log, actionPageAnswer(runtime.deps), postFormAnswer(runtime.deps));
    // a server with only the door, and behind it a handler that echoes what reached it
    const server = createServer((req, res) => {
      if (door(req, res)) return;
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => res.writeHead(599).end(`left: ${body}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) => raw(server, method, path, headers, body);
      for (const path of ['/s/live', '/s/live?variant=2', '/s/no-such-storm']) expect((await send('GET', path)).status, path).not.toBe(599);
      expect((await send('HEAD', '/s/live')).status).toBe(200);
      expect((await send('POST', '/s/live/post', { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, form({ network: 'x', text: 'Two' }))).status).toBe(302);
      // paths Fastify decodes or may not route here, other methods, bodies of other kinds or without a length
      for (const path of ['/s/LIVE', '/s/li%76e', '/s/live/', `/s/${'a'.repeat(101)}`, '/s/live/live', '/s/', '/s']) expect((await send('GET', path)).status, path).toBe(599);
      expect((await send('PUT', '/s/live')).status).toBe(599);
      expect(await send('POST', '/s/live/post', { 'content-type': 'text/plain' }, 'network=x')).toEqual({ status: 599, body: 'left: network=x' });
      expect(await send('POST', '/s/live/post', { 'content-type': 'application/json' }, '{}')).toEqual({ status: 599, body: 'left: {}' });
      expect(await send('POST', '/s/live/post', { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' }, 'network=x'))
        .toEqual({ status: 599, body: 'left: network=x' });
      expect((await send('POST', '/s/live/post', { 'content-type': 'application/x-www-form-urlencoded' }, 'x'.repeat(70_000))).status).toBe(599);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
}, { clock });

/** A request as sent, headers and all (fetch would add its own content-type and length). */
function raw(server: Server, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { accept: 'text/html', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
