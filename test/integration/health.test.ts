import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

describeEachDatabase('the server', (ctx) => {
  it('answers health checks and publishes its OpenAPI description', async () => {
    const health = await fetch(`${ctx().baseUrl}/health`);
    expect(health.status).toBe(200);
    const doc = await (await fetch(`${ctx().baseUrl}/api/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
  });

  it('is ready while its database answers with every migration applied, and answers 503 when one is missing', async () => {
    const ready = await fetch(`${ctx().baseUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    // as if the database were an older one this code has not migrated yet
    const db = ctx().runtime.deps.db;
    const last = Object.keys(migrations).at(-1)!;
    const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration where name = ${last}`.execute(db);
    expect(rows).toHaveLength(1);
    await sql`delete from kysely_migration where name = ${last}`.execute(db);
    try {
      const notReady = await fetch(`${ctx().baseUrl}/ready`);
      expect(notReady.status).toBe(503);
      expect(notReady.headers.get('content-type')).toContain('application/problem+json');
      const problem = await notReady.json();
      expect(problem.type).toBe('/problems/not-ready');
      expect(problem.detail).toContain(last);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${rows[0]!.name}, ${rows[0]!.timestamp})`.execute(db);
    }
    expect((await fetch(`${ctx().baseUrl}/ready`)).status).toBe(200);
  });

  it('refuses API calls without a valid token, as a problem document', async () => {
    const res = await fetch(`${ctx().baseUrl}/api/v1/people`, { headers: { authorization: 'Bearer oc_nope' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).type).toBe('/problems/unauthorized');
  });

  it('sends a content security policy that allows nothing from other origins', async () => {
    const res = await fetch(`${ctx().baseUrl}/`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
