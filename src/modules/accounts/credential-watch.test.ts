// The periodic look at open requests: what another process changed (a logout, a revoked token, a lower
// role) ends the streams this one holds by the next round. A real server and real sockets; the "database"
// is a map of the credentials that still hold, with their roles.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createCredentialWatch, type CredentialWatch } from './credential-watch.ts';
import type { Principal } from './principal.ts';
import type { Role } from './roles.ts';

const user = (hash: string): Principal => ({ type: 'user', id: 1, name: 'Rahima', email: 'r@example.org', role: 'owner', sessionHash: hash });
const token = (id: number): Principal => ({ type: 'token', id, name: 'screen', role: 'viewer' });

let app: FastifyInstance | undefined;
let watch: CredentialWatch | undefined;
afterEach(async () => {
  watch?.close();
  await app?.close();
});

/** A server whose /stream holds the request's principal (named by the x-who header) open, as a live stream does. */
async function serve(live: Map<string, Role | 'error'>) {
  watch = createCredentialWatch({
    everyMs: 50,
    current: async (p) => {
      const key = p.type === 'user' ? `session:${p.sessionHash}` : `token:${p.id}`;
      const role = live.get(key);
      if (role === 'error') throw new Error('the database is away');
      return role ? { ...p, role } : undefined;
    },
    onError: () => {},
  });
  app = Fastify({ forceCloseConnections: true });
  app.get<{ Headers: { 'x-who': string } }>('/stream', async (req, reply) => {
    const who = req.headers['x-who'];
    const principal = who.startsWith('session:') ? user(who.slice(8)) : token(Number(who.slice(6)));
    watch!.hold(req, reply, principal, 'viewer');
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
    reply.raw.write(':\n\n');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/stream`;
}

function open(url: string, who: string): Promise<{ ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'x-who': who }, agent: false }, (res) => {
      const ended = new Promise<void>((done) => { res.on('end', done); res.on('close', done); });
      res.resume();
      resolve({ ended });
    });
    req.on('error', reject);
    req.end();
  });
}

const endsWithin = (p: Promise<void>, ms: number) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('the watch on open requests', () => {
  it('ends, at its next round, a stream whose session or token went, or whose role fell below the route\'s', async () => {
    const live = new Map<string, Role | 'error'>([['session:a', 'owner'], ['token:7', 'viewer'], ['session:b', 'viewer'], ['session:c', 'campaigner']]);
    const url = await serve(live);
    const [a, t, b, c] = await Promise.all([open(url, 'session:a'), open(url, 'token:7'), open(url, 'session:b'), open(url, 'session:c')]);
    expect(watch!.size()).toBe(4);

    live.delete('session:a'); // logged out in another process
    live.delete('token:7'); // revoked there
    expect(await endsWithin(a.ended, 1_000)).toBe(true);
    expect(await endsWithin(t.ended, 1_000)).toBe(true);
    // the others go on
    expect(await endsWithin(b.ended, 200)).toBe(false);
    expect(await endsWithin(c.ended, 200)).toBe(false);
    expect(watch!.size()).toBe(2);

    live.set('session:c', 'viewer'); // still enough for a route that needs a viewer
    expect(await endsWithin(c.ended, 200)).toBe(false);
  });

  it('keeps a stream open while its credential cannot be looked up, and looks again next round', async () => {
    const live = new Map<string, Role | 'error'>([['session:a', 'error']]);
    const url = await serve(live);
    const a = await open(url, 'session:a');
    expect(await endsWithin(a.ended, 200)).toBe(false);
    live.delete('session:a');
    expect(await endsWithin(a.ended, 1_000)).toBe(true);
  });

  it('lets go of a request once its response is over', async () => {
    const url = await serve(new Map([['session:a', 'owner']]));
    const a = await open(url, 'session:a');
    expect(watch!.size()).toBe(1);
    await app!.close();
    await a.ended;
    expect(watch!.size()).toBe(0);
  });
});
