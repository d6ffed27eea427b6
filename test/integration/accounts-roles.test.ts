// Roles are enforced on the API, whoever calls it (a logged-in user or a token): a viewer reads numbers
// only, a campaigner works with supporters, messages and storms, an owner also with users, settings and
// tokens. Changes through the session cookie need the session's CSRF token; a bearer token needs none.
// Every change lands in the audit log.
import { beforeAll, expect, it } from 'vitest';
import { addOrganiser, CookieJar, sessionApi } from '../helpers/accounts.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

async function bearer(ctx: TestContext, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${ctx.baseUrl}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : await res.text() };
}

let s = 0;
const storm = () => ({
  title: 'The genocide is not over', slug: `roles-${++s}-${Date.now()}`, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z',
  hashtags: ['StandWithUyghurs'], messages: [{ text: 'Stand with the Uyghurs' }],
});

describeEachDatabase('roles and CSRF on the API', (ctx, dialect) => {
  let owner: CookieJar;
  let campaigner: CookieJar;
  let viewer: CookieJar;
  let viewerId: number;
  let messageId: number;
  let stormId: number;

  beforeAll(async () => {
    owner = (await addOrganiser(ctx(), `owner-${dialect}@example.org`, 'owner')).jar;
    campaigner = (await addOrganiser(ctx(), `campaigner-${dialect}@example.org`, 'campaigner')).jar;
    ({ jar: viewer, id: viewerId } = await addOrganiser(ctx(), `viewer-${dialect}@example.org`, 'viewer'));
    messageId = (await ctx().api('POST', '/api/v1/messages', { subject: 'Will you take part?', body: 'Hi', targets: { tags: ['nobody'] } })).body.id;
    stormId = (await ctx().api('POST', '/api/v1/storms', storm())).body.id;
  }, 60_000);

  it('refuses a cookie-borne change without the session\'s CSRF token, or with a wrong one', async () => {
    const none = await sessionApi(ctx(), campaigner, 'POST', '/api/v1/storms', storm(), null);
    expect(none.status).toBe(403);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.body).toMatchObject({ type: '/problems/csrf-failed', status: 403 });
    const wrong = await sessionApi(ctx(), campaigner, 'POST', '/api/v1/storms', storm(), 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(wrong.body.type).toBe('/problems/csrf-failed');
    // another user's token is bound to another session
    const ownersToken = (await sessionApi(ctx(), owner, 'GET', '/api/v1/session')).body.csrf_token;
    expect((await sessionApi(ctx(), campaigner, 'POST', '/api/v1/storms', storm(), ownersToken)).status).toBe(403);

    const right = await sessionApi(ctx(), campaigner, 'POST', '/api/v1/storms', storm());
    expect(right.status).toBe(201);
    // reading needs no token
    expect((await sessionApi(ctx(), campaigner, 'GET', `/api/v1/storms/${right.body.id}`)).status).toBe(200);
  });

  it('needs no CSRF token from a bearer token, which no browser sends by itself', async () => {
    const res = await bearer(ctx(), ctx().token, 'POST', '/api/v1/storms', storm());
    expect(res.status).toBe(201);
  });

  it('lets a viewer read numbers, and nothing else', async () => {
    expect((await sessionApi(ctx(), viewer, 'GET', `/api/v1/storms/${stormId}/stats`)).status).toBe(200);
    expect((await sessionApi(ctx(), viewer, 'GET', '/api/v1/session')).body.user.role).toBe('viewer');
    const send = await sessionApi(ctx(), viewer, 'POST', `/api/v1/messages/${messageId}/send`);
    expect(send.status).toBe(403);
    expect(send.body).toMatchObject({ type: '/problems/forbidden', status: 403 });
    expect((await sessionApi(ctx(), viewer, 'GET', '/api/v1/people')).status).toBe(403);
    expect((await sessionApi(ctx(), viewer, 'POST', '/api/v1/storms', storm())).status).toBe(403);
    expect((await sessionApi(ctx(), viewer, 'GET', `/api/v1/messages/${messageId}/preview?email=a@example.org`)).status).toBe(403);
    // nothing was sent
    expect((await ctx().api('GET', `/api/v1/messages/${messageId}`)).body.status).toBe('draft');
    // a path no route serves is a 404 for any caller, but only for one
    expect((await sessionApi(ctx(), viewer, 'GET', '/api/v1/no-such-thing')).status).toBe(404);
    expect((await fetch(`${ctx().baseUrl}/api/v1/no-such-thing`)).status).toBe(401);
  });

  it('gives a token the role it was made with', async () => {
    const made = await sessionApi(ctx(), owner, 'POST', '/api/v1/tokens', { name: 'dashboard screen', role: 'viewer' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'dashboard screen', role: 'viewer', token: expect.stringMatching(/^oc_/) });
    const token = made.body.token as string;
    expect((await bearer(ctx(), token, 'GET', `/api/v1/storms/${stormId}/stats`)).status).toBe(200);
    expect((await bearer(ctx(), token, 'POST', `/api/v1/messages/${messageId}/send`)).status).toBe(403);
    expect((await bearer(ctx(), token, 'GET', '/api/v1/people')).status).toBe(403);

    const list = await sessionApi(ctx(), owner, 'GET', '/api/v1/tokens');
    expect(list.body.items.map((t: { name: string; role: string }) => [t.name, t.role])).toEqual([['test', 'owner'], ['dashboard screen', 'viewer']]);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect((await sessionApi(ctx(), owner, 'DELETE', `/api/v1/tokens/${made.body.id}`)).status).toBe(204);
    expect((await bearer(ctx(), token, 'GET', `/api/v1/storms/${stormId}/stats`)).status).toBe(401);
  });

  it('keeps users, settings, tokens and the audit log for owners', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/v1/users'], ['POST', '/api/v1/users', { name: 'X', email: 'x@example.org', role: 'owner' }],
      ['PATCH', `/api/v1/users/${viewerId}`, { role: 'owner' }], ['GET', '/api/v1/settings/strings/en'],
      ['PUT', '/api/v1/settings/strings/en', {}], ['GET', '/api/v1/tokens'], ['POST', '/api/v1/tokens', { name: 'mine' }], ['GET', '/api/v1/audit'],
    ] as const) {
      const res = await sessionApi(ctx(), campaigner, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    // a campaigner does a campaigner's work
    expect((await sessionApi(ctx(), campaigner, 'GET', '/api/v1/people')).status).toBe(200);
    expect((await sessionApi(ctx(), owner, 'GET', '/api/v1/settings/strings/en')).status).toBe(200);
  });

  it('lets an owner invite, change roles and remove users, but never the last owner', async () => {
    const invited = await sessionApi(ctx(), owner, 'POST', '/api/v1/users', { name: 'Dilnur', email: `Dilnur-${dialect}@Example.org`, role: 'viewer' });
    expect(invited.status).toBe(201);
    expect(invited.body.user).toMatchObject({ email: `dilnur-${dialect}@example.org`, role: 'viewer', status: 'invited' });
    expect(invited.body.invite_url).toMatch(new RegExp(`^${ctx().baseUrl}/setup/[A-Za-z0-9_-]{43}$`));
    const twice = await sessionApi(ctx(), owner, 'POST', '/api/v1/users', { name: 'Dilnur', email: `dilnur-${dialect}@example.org`, role: 'viewer' });
    expect(twice.status).toBe(409);
    const bad = await sessionApi(ctx(), owner, 'POST', '/api/v1/users', { name: ' ', email: 'no-at-sign', role: 'viewer' });
    expect(bad.status).toBe(422);
    expect(bad.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['name', 'email']);

    // a new role holds at once, in the session the user already has
    expect((await sessionApi(ctx(), owner, 'PATCH', `/api/v1/users/${viewerId}`, { role: 'campaigner' })).body.role).toBe('campaigner');
    expect((await sessionApi(ctx(), viewer, 'GET', '/api/v1/people')).status).toBe(200);
    expect((await sessionApi(ctx(), owner, 'PATCH', `/api/v1/users/${viewerId}`, { role: 'viewer' })).status).toBe(200);

    const me = (await sessionApi(ctx(), owner, 'GET', '/api/v1/session')).body.user.id as number;
    const lastOwner = await sessionApi(ctx(), owner, 'PATCH', `/api/v1/users/${me}`, { role: 'campaigner' });
    expect([lastOwner.status, lastOwner.body.type]).toEqual([409, '/problems/last-owner']);
    expect((await sessionApi(ctx(), owner, 'DELETE', `/api/v1/users/${me}`)).status).toBe(409);

    const removed = await sessionApi(ctx(), owner, 'DELETE', `/api/v1/users/${invited.body.user.id}`);
    expect(removed.status).toBe(204);
    const list = await sessionApi(ctx(), owner, 'GET', '/api/v1/users');
    expect(list.body.items.map((u: { email: string }) => u.email)).not.toContain(`dilnur-${dialect}@example.org`);
    // their link went with them
    expect((await fetch(invited.body.invite_url, { headers: { accept: 'text/html' } })).status).toBe(404);
  });

  it('writes who changed what in the audit log: the route and its parameters, never the body', async () => {
    const csrf = (await sessionApi(ctx(), campaigner, 'GET', '/api/v1/session')).body.csrf_token;
    const patched = await sessionApi(ctx(), campaigner, 'PATCH', `/api/v1/storms/${stormId}`, { title: 'A secret title in the body' }, csrf);
    expect(patched.status).toBe(200);
    await sessionApi(ctx(), viewer, 'POST', `/api/v1/messages/${messageId}/send`); // refused: not a change
    const audit = await sessionApi(ctx(), owner, 'GET', '/api/v1/audit?limit=3');
    expect(audit.status).toBe(200);
    const [latest] = audit.body.items;
    expect(latest).toMatchObject({
      actor: `campaigner campaigner-${dialect} <campaigner-${dialect}@example.org>`, actor_type: 'user',
      action: 'PATCH /api/v1/storms/:id', subject: `id=${stormId}`, ip: '127.0.0.1',
    });
    const everything = await sessionApi(ctx(), owner, 'GET', '/api/v1/audit?limit=500');
    const actions = everything.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.invite', 'account.password-set', 'login', 'user.change', 'user.remove', 'token.create', 'token.revoke', 'POST /api/v1/storms']));
    expect(actions).not.toContain('POST /api/v1/messages/:id/send');
    expect(JSON.stringify(everything.body)).not.toContain('A secret title in the body');
    // a bearer token is named as such
    expect(everything.body.items.find((e: { action: string; actor_type: string }) => e.action === 'POST /api/v1/storms' && e.actor_type === 'token')).toMatchObject({ actor: 'token "test"' });
    // paging back by id
    const older = await sessionApi(ctx(), owner, 'GET', `/api/v1/audit?limit=2&before=${latest.id}`);
    expect(older.body.items.every((e: { id: number }) => e.id < latest.id)).toBe(true);
  });
});
